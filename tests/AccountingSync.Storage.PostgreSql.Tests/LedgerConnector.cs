using AccountingSync.Connectors;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>One host's connection to the <see cref="SharedLedger"/>; can be held at a gate to freeze a host mid-run.</summary>
public sealed class LedgerConnector(SharedLedger ledger, int holdAfterCalls = int.MaxValue) : TargetConnector
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public override string Name => "books";

    public override TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = 10 };

    /// <summary>Gets a task that completes when the connector starts holding writes.</summary>
    public Task Held => _held.Task;

    public override async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) > holdAfterCalls)
        {
            _held.TrySetResult();
            // Hold until the host is aborted, as a host frozen mid-write would.
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }

        return ledger.Apply(write);
    }
}
