using AccountingSync.Connectors;

namespace AccountingSync.Benchmarks.Batch;

/// <summary>A target that accepts every write at once, so the benchmark measures the job, not a ledger.</summary>
internal sealed class NoOpTarget : ITargetConnector
{
    public string Name => "no-op";

    public TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = 500 };

    public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TargetWriteResult.Written(write.Document.Source.Id));

    public ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < writes.Length; i++)
        {
            results.Span[i] = TargetWriteResult.Written(writes.Span[i].Document.Source.Id);
        }

        return ValueTask.CompletedTask;
    }
}
