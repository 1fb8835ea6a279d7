using AccountingSync.Reconciliation;

namespace AccountingSync.Batch.Nightly;

/// <summary>What one night's reconciliation found, repaired and wrote.</summary>
/// <param name="JobId">The night's job id.</param>
/// <param name="Report">The repair report.</param>
/// <param name="MarkdownPath">The report for people.</param>
/// <param name="JsonPath">The report for machines.</param>
/// <param name="RowReportPath">The export's rows that failed, were skipped or were duplicates, as CSV.</param>
/// <param name="RowsReported">How many rows the row report lists.</param>
public sealed record NightlyReconciliationResult(
    string JobId, RepairReport Report, string MarkdownPath, string JsonPath, string RowReportPath, long RowsReported);
