namespace AccountingSync.Reconciliation;

/// <summary>
/// The outcome of reconciling one source system against a target: every discrepancy by entity, and totals per
/// day and per document kind on both sides. Write it with <see cref="ReconciliationReportWriter"/>.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed record ReconciliationReport
{
    /// <summary>Gets the source system reconciled.</summary>
    public required string System { get; init; }

    /// <summary>Gets the target's name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets when the report was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets how many source documents were compared.</summary>
    public int SourceCount { get; init; }

    /// <summary>Gets how many target records were compared.</summary>
    public int TargetCount { get; init; }

    /// <summary>Gets how many entities agree on every compared field.</summary>
    public int Matched { get; init; }

    /// <summary>Gets the discrepancies, ordered by kind and entity.</summary>
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];

    /// <summary>Gets the totals per document date and currency.</summary>
    public IReadOnlyList<ReconciliationTotal> DailyTotals { get; init; } = [];

    /// <summary>Gets the totals per document kind and currency.</summary>
    public IReadOnlyList<ReconciliationTotal> KindTotals { get; init; } = [];

    /// <summary>Gets a value indicating whether source and target agree: no discrepancy and every total matches.</summary>
    public bool Passed =>
        Discrepancies.Count == 0 && DailyTotals.All(t => t.Matches) && KindTotals.All(t => t.Matches);
}
