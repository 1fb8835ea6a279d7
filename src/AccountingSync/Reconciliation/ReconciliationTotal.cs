namespace AccountingSync.Reconciliation;

/// <summary>The sum of one bucket (a day, a document kind) on both sides, in one currency.</summary>
/// <param name="Bucket">The bucket: an ISO date such as <c>2010-12-01</c>, or a document kind.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Source">The source's total.</param>
/// <param name="Target">The target's total.</param>
/// <param name="SourceCount">How many source documents fall in the bucket.</param>
/// <param name="TargetCount">How many target records fall in the bucket.</param>
/// <param name="Matches">
/// Whether both sides have the same count and totals no further apart than the tolerance for that many documents.
/// </param>
public sealed record ReconciliationTotal(
    string Bucket, string Currency, decimal Source, decimal Target, int SourceCount, int TargetCount, bool Matches)
{
    /// <summary>Gets the target's total less the source's.</summary>
    public decimal Difference => Target - Source;
}
