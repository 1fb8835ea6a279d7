using AccountingSync.Batch.Internal;
using AccountingSync.Batch.Staging;
using AccountingSync.Batch.Staging.Internal;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch;

/// <summary>Loading documents in chunks, several at once when allowed, with a low-water-mark checkpoint.</summary>
public sealed partial class BatchJob
{
    private async Task LoadAsync(IBatchStagingSession db, string loadedThrough, CancellationToken cancellationToken)
    {
        var size = Math.Max(1, Math.Min(_options.LoadChunkSize, _target.Capabilities.MaxBulkSize));
        var baseline = _options.ChangeDetection == ChangeDetection.ContentHash ? _options.JobName : null;
        var parallel = _options.MaxDegreeOfParallelism;
        var mark = new LowWaterMark();
        using var gate = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task>(parallel);
        var after = loadedThrough;
        try
        {
            while (true)
            {
                if (inFlight.Count == parallel)
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    await done.ConfigureAwait(false);
                }

                stop.Token.ThrowIfCancellationRequested();

                // Only documents with nothing recorded: after a crash, chunks past the mark that had committed
                // are recorded already and are not sent again.
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                StagedGroupPage next;
                try
                {
                    next = await db.ReadGroupsAsync(after, size, StagedGroupFilter.Unrecorded, baseline, stop.Token)
                        .ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }

                if (next.LastKey is null)
                {
                    break;
                }

                var chunk = mark.Open(next.LastKey);
                inFlight.Add(parallel == 1
                    ? LoadChunkAsync(db, gate, mark, chunk, next.Groups, stop.Token)
                    : Task.Run(() => LoadChunkAsync(db, gate, mark, chunk, next.Groups, stop.Token), stop.Token));
                after = next.LastKey;
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch
        {
            // Let the other chunks stop (or record what their target committed) before the database closes.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    private async Task LoadChunkAsync(
        IBatchStagingSession db, SemaphoreSlim gate, LowWaterMark mark, long chunk, IReadOnlyList<StagedGroup> groups,
        CancellationToken cancellationToken)
    {
        var loaded = await SendAsync(groups, cancellationToken).ConfigureAwait(false);

        // The target has committed; recording the chunk is not cancellable, or a resumed job would send it again.
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await db.CompleteLoadChunkAsync(loaded, mark.Complete(chunk), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        if (loaded.Count > 0)
        {
            BatchMetrics.RecordChunk(_target.Name);
            BatchMetrics.RecordRows(
                BatchMetrics.Loaded, loaded.Where(l => l.Result is { Succeeded: true }).Sum(l => l.Rows.Count));
            Log.ChunkCommitted(_logger, _options.JobId, loaded[^1].GroupKey);
        }
    }

    /// <summary>Builds the chunk's documents and sends the new and changed ones in one bulk call.</summary>
    private async Task<List<LoadedGroup>> SendAsync(IReadOnlyList<StagedGroup> groups, CancellationToken cancellationToken)
    {
        var loaded = new List<LoadedGroup>(groups.Count);
        var writes = new List<TargetWrite>(groups.Count);
        var sent = new List<int>(groups.Count);
        foreach (var group in groups)
        {
            if (group.IsUnchanged)
            {
                loaded.Add(new LoadedGroup(group, null, [], Unchanged: true));
                continue;
            }

            var outcome = _mapper.BuildDocument(group.Key, group.Rows);
            loaded.Add(new LoadedGroup(group, null, outcome.Failures));
            if (outcome.Document is { } document)
            {
                sent.Add(loaded.Count - 1);
                writes.Add(new TargetWrite(Key(document, group), document, ChangeOperation.Upsert));
            }
        }

        if (writes.Count == 0)
        {
            return loaded;
        }

        // One bulk call: the target commits all of it or none of it; a throw leaves the checkpoint where it was.
        var results = new TargetWriteResult[writes.Count];
        await _target.WriteBulkAsync(writes.ToArray(), results, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sent.Count; i++)
        {
            loaded[sent[i]] = loaded[sent[i]] with { Result = results[i], Failures = [] };
        }

        return loaded;
    }

    /// <summary>
    /// The write's idempotency key. Under content-hash change detection it also covers the content: an export
    /// with no timestamps changes a document without changing its version, and the target must apply it.
    /// </summary>
    private IdempotencyKey Key(AccountingDocument document, StagedGroup group) =>
        _options.ChangeDetection == ChangeDetection.ContentHash
            ? IdempotencyKey.Derive(
                _target.Name, document.Source,
                SourceVersion.FromETag($"{document.Version}#{Convert.ToHexString(group.Hash)}"), ChangeOperation.Upsert)
            : IdempotencyKey.Derive(_target.Name, document.Source, document.Version, ChangeOperation.Upsert);
}
