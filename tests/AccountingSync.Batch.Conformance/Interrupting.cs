using System.Runtime.CompilerServices;
using AccountingSync.Batch.Extract;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Conformance;

/// <summary>Cancels a run while the source is read, after a given row.</summary>
public sealed class CancellingSource(IBatchSource inner, long afterRow, CancellationTokenSource cts) : IBatchSource
{
    public string Name => inner.Name;

    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in inner.ReadAsync(cancellationToken))
        {
            if (row.RowNumber == afterRow)
            {
                await cts.CancelAsync();
            }

            yield return row;
        }
    }
}

/// <summary>
/// Stops the job the moment a chosen bulk call has committed in the real target, before the job can record
/// it: the window a kill between the target's commit and the job's checkpoint would hit.
/// </summary>
public sealed class DyingTarget(ITargetConnector inner, int dieAfterCall) : ITargetConnector
{
    private int _calls;

    public string Name => inner.Name;

    public TargetCapabilities Capabilities => inner.Capabilities;

    public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) =>
        inner.WriteAsync(write, cancellationToken);

    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        await inner.WriteBulkAsync(writes, results, cancellationToken);
        if (++_calls == dieAfterCall)
        {
            throw new OperationCanceledException("The process died after the target committed.");
        }
    }
}
