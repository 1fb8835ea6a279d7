using AccountingSync.Model;

namespace AccountingSync.Reconciliation;

/// <summary>What a repair did for one entity the first reconciliation found wrong.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="Found">The discrepancy found before the repair.</param>
/// <param name="Repaired">Whether the entity agrees after the repair.</param>
/// <param name="Remaining">The discrepancy still there after the repair, when there is one.</param>
public sealed record RepairOutcome(SourceIdentity Entity, Discrepancy Found, bool Repaired, Discrepancy? Remaining);
