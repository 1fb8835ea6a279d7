using AccountingSync.Connectors;

namespace AccountingSync.Batch.Conformance;

/// <summary>Passes writes to a real target and counts the documents sent.</summary>
public sealed class CountingTarget(ITargetConnector inner) : ITargetConnector
{
    private int _documents;

    public int Documents => _documents;

    public string Name => inner.Name;

    public TargetCapabilities Capabilities => inner.Capabilities;

    public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _documents);
        return inner.WriteAsync(write, cancellationToken);
    }

    public ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _documents, writes.Length);
        return inner.WriteBulkAsync(writes, results, cancellationToken);
    }
}
