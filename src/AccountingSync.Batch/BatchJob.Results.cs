using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Staging;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch;

/// <summary>The job's outcome, its failure report and the documents it loaded.</summary>
public sealed partial class BatchJob
{
    /// <summary>Lists every row that failed, was skipped or was a duplicate, in row order.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The report lines.</returns>
    public async IAsyncEnumerable<RowFailure> ReadFailuresAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = db.ConfigureAwait(false);
        await foreach (var failure in db.ReadFailuresAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return failure;
        }
    }

    /// <summary>
    /// Rebuilds, from the staging table, every document the job loaded, or found unchanged since the job name's
    /// previous run: the source side of a reconciliation.
    /// </summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The documents, in key order.</returns>
    public IAsyncEnumerable<AccountingDocument> ReadLoadedDocumentsAsync(CancellationToken cancellationToken) =>
        ReadDocumentsAsync(StagedGroupFilter.Loaded, cancellationToken);

    /// <summary>
    /// Rebuilds, from the staging table, every document the export holds, loaded or not: what the export says, for
    /// a source of truth such as <see cref="Sources.StagedExportSource"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The documents, in key order.</returns>
    public IAsyncEnumerable<AccountingDocument> ReadStagedDocumentsAsync(CancellationToken cancellationToken) =>
        ReadDocumentsAsync(StagedGroupFilter.All, cancellationToken);

    private async IAsyncEnumerable<AccountingDocument> ReadDocumentsAsync(
        StagedGroupFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = db.ConfigureAwait(false);
        var after = string.Empty;
        while (true)
        {
            var (groups, last) = await db.ReadGroupsAsync(after, 500, filter, null, cancellationToken).ConfigureAwait(false);
            if (last is null)
            {
                yield break;
            }

            foreach (var group in groups)
            {
                if (_mapper.BuildDocument(group.Key, group.Rows).Document is { } document)
                {
                    yield return document;
                }
            }

            after = last;
        }
    }

    /// <summary>
    /// Lists the keys of the documents the job name's previous run loaded of which this job staged no row; empty
    /// without <see cref="ChangeDetection.ContentHash"/> or before the job has finished.
    /// </summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The document keys (the mapper's group keys), in key order.</returns>
    public async IAsyncEnumerable<string> ReadRemovedDocumentKeysAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = db.ConfigureAwait(false);
        var removed = db.ReadDocumentKeysAsync(DocumentState.Removed, cancellationToken);
        await foreach (var key in removed.ConfigureAwait(false))
        {
            yield return key;
        }
    }

    private async Task<BatchJobResult> SummariseAsync(IBatchStagingSession db, CancellationToken cancellationToken)
    {
        var counts = await db.CountAsync(cancellationToken).ConfigureAwait(false);
        var checkpoint = await db.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var byRule = new Dictionary<string, long>(StringComparer.Ordinal);
        var failedRows = new HashSet<long>();
        await foreach (var failure in db.ReadFailuresAsync(cancellationToken).ConfigureAwait(false))
        {
            if (failure.Disposition == RowDisposition.Failed && failedRows.Add(failure.RowNumber))
            {
                byRule[failure.Rule] = byRule.GetValueOrDefault(failure.Rule) + 1;
            }
        }

        DocumentCount Count(DocumentState state) => counts.Documents(state);
        return new BatchJobResult
        {
            JobId = _options.JobId,
            RowsRead = counts.TotalRows,
            RowsLoaded = Count(DocumentState.Written).Rows + Count(DocumentState.AlreadyApplied).Rows,
            RowsUnchanged = Count(DocumentState.Unchanged).Rows,
            RowsFailed = counts.Rows(RowStatus.Failed),
            RowsSkipped = counts.Rows(RowStatus.Skipped),
            RowsDuplicate = counts.Rows(RowStatus.Duplicate),
            DocumentsWritten = Count(DocumentState.Written).Documents,
            DocumentsAlreadyApplied = Count(DocumentState.AlreadyApplied).Documents,
            DocumentsFailed = Count(DocumentState.Failed).Documents,
            DocumentsUnchanged = Count(DocumentState.Unchanged).Documents,
            DocumentsRemoved = Count(DocumentState.Removed).Documents,
            ChunksLoaded = checkpoint.ChunksLoaded,
            FailuresByRule = byRule,
        };
    }
}
