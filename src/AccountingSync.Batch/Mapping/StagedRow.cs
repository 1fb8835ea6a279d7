namespace AccountingSync.Batch.Mapping;

/// <summary>A row as the staging table holds it: its number and the payload its mapper staged.</summary>
/// <param name="RowNumber">The row's 1-based number among the source's data rows.</param>
/// <param name="Payload">The normalised row the mapper produced.</param>
public sealed record StagedRow(long RowNumber, string Payload);
