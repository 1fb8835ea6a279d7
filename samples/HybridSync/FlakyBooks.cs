using AccountingSync.Connectors;
using AccountingSync.Model;

namespace HybridSync;

/// <summary>
/// The books as a remote accounting API behaves: a share of calls answer 503 or 429 (retried by the pipeline),
/// and during an outage the invoices named in it are refused outright (dead-lettered, for the nightly repair).
/// </summary>
/// <param name="inner">The real books.</param>
/// <param name="faultRate">The share of calls that fail transiently.</param>
/// <param name="seed">The random seed.</param>
public sealed class FlakyBooks(ITargetConnector inner, double faultRate, int seed) : ITargetConnector, ITargetReadBack
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private IReadOnlySet<string> _refused = new HashSet<string>();

    /// <summary>Gets how many calls answered 503.</summary>
    public int Unavailable { get; private set; }

    /// <summary>Gets how many calls answered 429.</summary>
    public int Throttled { get; private set; }

    /// <summary>Gets how many writes were refused during the outage.</summary>
    public int Refused { get; private set; }

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => inner.Capabilities;

    /// <summary>Refuses, until <see cref="EndOutage"/>, every write of the named source ids.</summary>
    /// <param name="ids">The ids.</param>
    public void BeginOutage(IEnumerable<string> ids) => _refused = ids.ToHashSet(StringComparer.Ordinal);

    /// <summary>Ends the outage.</summary>
    public void EndOutage() => _refused = new HashSet<string>();

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
        if (TransientFault() is { } fault)
        {
            results.Span.Fill(fault);
            return;
        }

        var refused = _refused;
        var allowed = new List<int>(writes.Length);
        for (var i = 0; i < writes.Length; i++)
        {
            if (refused.Contains(writes.Span[i].Document.Source.Id))
            {
                Refused++;
                results.Span[i] = TargetWriteResult.Failed(ErrorClass.Permanent, "400 Bad Request: the accounting period is locked.");
            }
            else
            {
                allowed.Add(i);
            }
        }

        if (allowed.Count == 0)
        {
            return;
        }

        var passed = allowed.Select(i => writes.Span[i]).ToArray();
        var answers = new TargetWriteResult[passed.Length];
        await inner.WriteBulkAsync(passed, answers, cancellationToken);
        for (var j = 0; j < allowed.Count; j++)
        {
            results.Span[allowed[j]] = answers[j];
        }
    }

    /// <inheritdoc />
    public ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken) =>
        ((ITargetReadBack)inner).FindBySourceAsync(source, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TargetRecord> ListBySystemAsync(string system, CancellationToken cancellationToken) =>
        ((ITargetReadBack)inner).ListBySystemAsync(system, cancellationToken);

    private TargetWriteResult? TransientFault()
    {
        lock (_gate)
        {
            var draw = _random.NextDouble();
            if (draw >= faultRate)
            {
                return null;
            }

            if (draw < faultRate / 2)
            {
                Unavailable++;
                return TargetWriteResult.Failed(ErrorClass.Transient, "503 Service Unavailable");
            }

            Throttled++;
            return TargetWriteResult.Failed(ErrorClass.Transient, "429 Too Many Requests", TimeSpan.FromMilliseconds(50));
        }
    }
}
