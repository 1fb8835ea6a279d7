using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging;

/// <summary>A source row as the job hands it to its staging store: its number, content hash and mapped outcome.</summary>
/// <param name="RowNumber">The row's 1-based number among the source's data rows; rises from row to row.</param>
/// <param name="ContentHash">16 bytes over the row's raw values; equal hashes mean the rows are exact repeats.</param>
/// <param name="Outcome">What the mapper made of the row.</param>
public readonly record struct MappedRow(long RowNumber, byte[] ContentHash, RowOutcome Outcome)
{
    /// <summary>Gets the status the row is staged with: staged, or skipped or failed by its first failure.</summary>
    public RowStatus Status => Outcome.IsStaged ? RowStatus.Staged
        : Outcome.Failures[0].Disposition == RowDisposition.Skipped ? RowStatus.Skipped
        : RowStatus.Failed;
}
