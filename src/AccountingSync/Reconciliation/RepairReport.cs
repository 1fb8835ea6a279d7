using AccountingSync.Pipeline;

namespace AccountingSync.Reconciliation;

/// <summary>
/// What a <see cref="ReconciliationRepair"/> found, what it sent back through the pipeline, and how source and
/// target compare afterwards.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed record RepairReport
{
    /// <summary>Gets the reconciliation before any repair.</summary>
    public required ReconciliationReport Before { get; init; }

    /// <summary>Gets the reconciliation after the repair; the same as <see cref="Before"/> when nothing was repaired.</summary>
    public required ReconciliationReport After { get; init; }

    /// <summary>Gets one outcome per entity sent back through the pipeline, in entity order.</summary>
    public IReadOnlyList<RepairOutcome> Repairs { get; init; } = [];

    /// <summary>Gets the pipeline run that carried the repairs, when there were any.</summary>
    public SyncRunResult? Run { get; init; }

    /// <summary>Gets how many source changes could not be mapped to a document and so were not compared.</summary>
    public long Unmapped { get; init; }

    /// <summary>Gets how many dead letters were removed because their entity now agrees.</summary>
    public int DeadLettersResolved { get; init; }

    /// <summary>Gets how many entities the repair fixed.</summary>
    public int Repaired => Repairs.Count(r => r.Repaired);

    /// <summary>Gets a value indicating whether source and target agree after the repair.</summary>
    public bool Passed => After.Passed;
}
