using AccountingSync.Connectors;

namespace AccountingSync.Batch.KillHost;

/// <summary>Passes writes to the ledger and prints a progress line once each bulk call has committed.</summary>
internal sealed class ReportingTarget(ITargetConnector inner) : ITargetConnector
{
    public string Name => inner.Name;

    public TargetCapabilities Capabilities => inner.Capabilities;

    public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) =>
        inner.WriteAsync(write, cancellationToken);

    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        await inner.WriteBulkAsync(writes, results, cancellationToken);
        Console.Out.WriteLine("progress");
        Console.Out.Flush();
    }
}
