using AccountingSync.Model;

namespace AccountingSync.Reconciliation;

/// <summary>One disagreement between source and target, named by entity.</summary>
/// <param name="Kind">How they disagree.</param>
/// <param name="Entity">The entity's source identity.</param>
/// <param name="Expected">What the source says, as text (an amount with its currency, a date, a kind); null when missing.</param>
/// <param name="Actual">What the target holds, as text; null when it holds nothing.</param>
/// <param name="TargetId">The target's id for the record, when it has one.</param>
public sealed record Discrepancy(
    DiscrepancyKind Kind, SourceIdentity Entity, string? Expected, string? Actual, string? TargetId);
