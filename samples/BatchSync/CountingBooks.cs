using AccountingSync.Connectors;
using AccountingSync.Model;

namespace BatchSync;

/// <summary>
/// The books, counted: how many chunks reached them and how many documents they newly wrote. It can also pull the
/// plug after a number of chunks, as a deploy or a crash would, to show the job resuming.
/// </summary>
/// <param name="inner">The real books.</param>
public sealed class CountingBooks(ITargetConnector inner) : ITargetConnector, ITargetReadBack
{
    private CancellationTokenSource? _stop;
    private int _stopAfter;

    /// <summary>Gets how many bulk calls (chunks) reached the books.</summary>
    public int Chunks { get; private set; }

    /// <summary>Gets how many documents the books newly wrote (not those they answered as already applied).</summary>
    public int Written { get; private set; }

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => inner.Capabilities;

    /// <summary>Cancels <paramref name="stop"/> once <paramref name="chunks"/> more chunks have been written.</summary>
    /// <param name="chunks">How many chunks to let through.</param>
    /// <param name="stop">The job's cancellation source.</param>
    public void StopAfter(int chunks, CancellationTokenSource stop)
    {
        _stopAfter = Chunks + chunks;
        _stop = stop;
    }

    /// <inheritdoc />
    public async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        var results = new TargetWriteResult[1];
        await WriteBulkAsync(new[] { write }, results, cancellationToken);
        return results[0];
    }

    /// <inheritdoc />
    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        await inner.WriteBulkAsync(writes, results, cancellationToken);
        Chunks++;
        foreach (var result in results.Span)
        {
            Written += result.Status == WriteStatus.Written ? 1 : 0;
        }

        if (_stop is not null && Chunks >= _stopAfter)
        {
            await _stop.CancelAsync();
            _stop = null;
        }
    }

    /// <inheritdoc />
    public ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken) =>
        ((ITargetReadBack)inner).FindBySourceAsync(source, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TargetRecord> ListBySystemAsync(string system, CancellationToken cancellationToken) =>
        ((ITargetReadBack)inner).ListBySystemAsync(system, cancellationToken);
}
