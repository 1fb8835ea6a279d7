using AccountingSync.Batch.Nightly;
using AccountingSync.Pipeline;
using SimulatedStore;

namespace HybridSync;

/// <summary>What the simulated day did, lane by lane, and whether the books end right.</summary>
public sealed record ScenarioOutcome
{
    /// <summary>Gets the export rows of the day.</summary>
    public int Rows { get; init; }

    /// <summary>Gets the store's invoices (credit notes included) of the day.</summary>
    public int StoreInvoices { get; init; }

    /// <summary>Gets the morning's and afternoon's webhook deliveries.</summary>
    public required IReadOnlyList<WebhookSendStats> Webhooks { get; init; }

    /// <summary>Gets how many deliveries the endpoint stored (each distinct event once).</summary>
    public int InboxEvents { get; init; }

    /// <summary>Gets the midday safety-net poll.</summary>
    public required SyncRunResult Poll { get; init; }

    /// <summary>Gets the on-demand sync of one invoice.</summary>
    public required OnDemandSyncResult OnDemand { get; init; }

    /// <summary>Gets the nightly reconciliation and repair.</summary>
    public required NightlyReconciliationResult Nightly { get; init; }

    /// <summary>Gets the books' injected failures: 503s, 429s and refusals.</summary>
    public (int Unavailable, int Throttled, int Refused) TargetFaults { get; init; }

    /// <summary>Gets how many times the store's API answered 429.</summary>
    public int ApiThrottled { get; init; }

    /// <summary>Gets the dead letters there were before the nightly repair.</summary>
    public long DeadLettersBeforeNight { get; init; }

    /// <summary>Gets the dead letters left at the end.</summary>
    public long DeadLettersLeft { get; init; }

    /// <summary>Gets the documents the books hold from the store, by kind.</summary>
    public required IReadOnlyDictionary<string, (int Count, decimal Total)> Books { get; init; }

    /// <summary>Gets the wall time of the whole day.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the process's peak working set.</summary>
    public long PeakWorkingSet { get; init; }

    /// <summary>Gets a value indicating whether the books end right: reconciliation passes and nothing is left dead-lettered.</summary>
    public bool Passed => Nightly.Report.Passed && DeadLettersLeft == 0;
}
