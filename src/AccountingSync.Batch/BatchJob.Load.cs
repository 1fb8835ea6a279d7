using AccountingSync.Batch.Internal;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Staging.Internal;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch;

/// <summary>Loading documents in chunks, and the job's outcome.</summary>
public sealed partial class BatchJob
{
    /// <summary>Lists every row that failed, was skipped or was a duplicate, in row order.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The report lines.</returns>
    public async IAsyncEnumerable<RowFailure> ReadFailuresAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var failure in db.ReadFailuresAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return failure;
        }
    }

    /// <summary>Rebuilds, from the staging table, every document the job loaded: the source side of a reconciliation.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The documents, in key order.</returns>
    public async IAsyncEnumerable<AccountingDocument> ReadLoadedDocumentsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var after = string.Empty;
        while (true)
        {
            var groups = await db.ReadGroupsAsync(after, 500, includeLoaded: true, cancellationToken).ConfigureAwait(false);
            if (groups.Count == 0)
            {
                yield break;
            }

            foreach (var (key, rows) in groups)
            {
                if (_mapper.BuildDocument(key, rows).Document is { } document)
                {
                    yield return document;
                }
            }

            after = groups[^1].Key;
        }
    }

    private async Task LoadAsync(StagingDatabase db, string loadedThrough, CancellationToken cancellationToken)
    {
        var size = Math.Max(1, Math.Min(_options.LoadChunkSize, _target.Capabilities.MaxBulkSize));
        var after = loadedThrough;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var groups = await db.ReadGroupsAsync(after, size, includeLoaded: false, cancellationToken).ConfigureAwait(false);
            if (groups.Count == 0)
            {
                return;
            }

            var outcomes = groups.Select(g => (g.Key, g.Rows, Outcome: _mapper.BuildDocument(g.Key, g.Rows))).ToList();
            var built = outcomes.Where(o => o.Outcome.Document is not null).ToList();
            var writes = built.Select(o => new TargetWrite(
                IdempotencyKey.Derive(_target.Name, o.Outcome.Document!.Source, o.Outcome.Document.Version, ChangeOperation.Upsert),
                o.Outcome.Document, ChangeOperation.Upsert)).ToArray();
            var results = new TargetWriteResult[writes.Length];
            if (writes.Length > 0)
            {
                // One bulk call: the target commits all of it or none of it; a throw leaves the checkpoint where it was.
                await _target.WriteBulkAsync(writes, results, cancellationToken).ConfigureAwait(false);
            }

            var next = 0;
            var loaded = outcomes.Select(o => o.Outcome.Document is null
                ? new LoadedGroup(o.Key, o.Rows, null, o.Outcome.Failures)
                : new LoadedGroup(o.Key, o.Rows, results[next++], [])).ToList();

            // The target has committed; recording the chunk is not cancellable, or a resumed job would send it again.
            db.CompleteChunk(loaded);
            BatchMetrics.RecordChunk(_target.Name);
            BatchMetrics.RecordRows(BatchMetrics.Loaded, loaded.Where(l => l.Result is { Succeeded: true }).Sum(l => l.Rows.Count));
            Log.ChunkCommitted(_logger, _options.JobId, groups[^1].Key);
            after = groups[^1].Key;
        }
    }

    private async Task<BatchJobResult> SummariseAsync(StagingDatabase db, CancellationToken cancellationToken)
    {
        var rows = await db.CountRowsAsync(cancellationToken).ConfigureAwait(false);
        var documents = await db.CountDocumentsAsync(cancellationToken).ConfigureAwait(false);
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

        return new BatchJobResult
        {
            JobId = _options.JobId,
            RowsRead = rows.Values.Sum(),
            RowsLoaded = rows[RowStatus.Loaded],
            RowsFailed = rows[RowStatus.Failed],
            RowsSkipped = rows[RowStatus.Skipped],
            RowsDuplicate = rows[RowStatus.Duplicate],
            DocumentsWritten = documents.GetValueOrDefault(WriteStatus.Written),
            DocumentsAlreadyApplied = documents.GetValueOrDefault(WriteStatus.AlreadyApplied),
            DocumentsFailed = documents.GetValueOrDefault(WriteStatus.Failed),
            ChunksLoaded = checkpoint.ChunksLoaded,
            FailuresByRule = byRule,
        };
    }
}
