using AccountingSync.Batch.Extract;

namespace AccountingSync.Batch.Mapping;

/// <summary>
/// Turns the rows of one kind of export into documents, in two steps: each row on its own while it is staged,
/// then the staged rows of each document together, once the whole file is staged.
/// </summary>
/// <remarks>
/// Both methods must be pure: the same input gives the same outcome, because a resumed job maps again the
/// rows it had not loaded. Neither may throw for bad data; bad data is a <see cref="RowFailure"/>.
/// </remarks>
public interface IBatchMapper
{
    /// <summary>Validates and normalises one row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The row staged under its document's key, skipped under a rule, or failed.</returns>
    RowOutcome MapRow(SourceRow row);

    /// <summary>Builds one document from its staged rows, checking the rules that span rows.</summary>
    /// <param name="groupKey">The document's key.</param>
    /// <param name="rows">Its rows in row order, duplicates removed.</param>
    /// <returns>The document, or failures naming its rows.</returns>
    DocumentOutcome BuildDocument(string groupKey, IReadOnlyList<StagedRow> rows);
}
