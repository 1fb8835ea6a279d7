namespace AccountingSync.Batch.Staging;

/// <summary>How many documents of a job are in one state, and how many rows they hold.</summary>
/// <param name="Documents">The number of documents.</param>
/// <param name="Rows">The number of their rows, as recorded when the state was recorded.</param>
public readonly record struct DocumentCount(long Documents, long Rows);
