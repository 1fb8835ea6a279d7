namespace AccountingSync.Connectors;

/// <summary>
/// A base for targets without a bulk endpoint: bulk calls become single writes in order.
/// </summary>
public abstract class TargetConnector : ITargetConnector
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual TargetCapabilities Capabilities { get; } = new();

    /// <inheritdoc />
    public abstract ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        if (results.Length != writes.Length)
        {
            throw new ArgumentException("There must be exactly one result slot per write.", nameof(results));
        }

        for (var i = 0; i < writes.Length; i++)
        {
            var result = await WriteAsync(writes.Span[i], cancellationToken).ConfigureAwait(false);
            results.Span[i] = result;
        }
    }
}
