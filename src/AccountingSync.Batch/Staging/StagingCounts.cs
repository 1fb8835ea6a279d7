namespace AccountingSync.Batch.Staging;

/// <summary>A job's rows counted by status and its documents by state: what a job's summary is made of.</summary>
/// <param name="RowsByStatus">The rows per status; a status with no row may be missing.</param>
/// <param name="DocumentsByState">The documents (and their rows) per recorded state; a state with none may be missing.</param>
public sealed record StagingCounts(
    IReadOnlyDictionary<RowStatus, long> RowsByStatus, IReadOnlyDictionary<DocumentState, DocumentCount> DocumentsByState)
{
    /// <summary>Gets the number of staged rows, whatever their status.</summary>
    public long TotalRows => RowsByStatus.Values.Sum();

    /// <summary>Returns the number of rows with a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The count; 0 when there is none.</returns>
    public long Rows(RowStatus status) => RowsByStatus.GetValueOrDefault(status);

    /// <summary>Returns the number of documents in a state and the rows they hold.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The counts; zeros when there is none.</returns>
    public DocumentCount Documents(DocumentState state) => DocumentsByState.GetValueOrDefault(state);
}
