using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using AccountingSync.Idempotency;
using AccountingSync.Resilience;
using AccountingSync.Resilience.Internal;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// The write and commit stages: writes a lane's batch in calls of at most the target's bulk size, retries
/// transient failures with backoff, dead-letters what cannot be delivered, then commits the outcomes and
/// completes every record.
/// </summary>
/// <remarks>
/// Outcomes are committed only after the target acknowledged them, and records complete only after that,
/// so the checkpoint never passes a record whose write is not durable in both places. A crash between the
/// write and the commit is safe: the record is read again and the target recognises its idempotency key.
/// </remarks>
internal sealed class BatchWriter(PipelineContext context)
{
    private readonly DeadLetterWriter _deadLetters = new(context);
    private readonly List<CommittedWrite> _commits = [];
    private readonly List<string> _eventIds = [];
    private readonly List<int> _todo = [];
    private readonly List<int> _retry = [];
    private readonly HashSet<StreamRun> _runs = [];
    private TargetWrite[] _writes = new TargetWrite[16];
    private TargetWriteResult[] _results = new TargetWriteResult[16];
    private TargetWriteResult[] _callResults = new TargetWriteResult[16];
    private int[] _attempts = new int[16];
    private bool[] _conflictRetried = new bool[16];
    private RecordOutcome[] _outcomes = new RecordOutcome[16];
    private List<PendingWrite>? _batch;
    private TargetRateLimiter? _limiter;
    private string _lane = string.Empty;
    private int _chunkSize;
    private bool _firstAttempt;

    private static readonly TargetWriteResult Unfinished =
        TargetWriteResult.Failed(ErrorClass.Transient, "The write attempt did not complete (timed out).");

    public async ValueTask WriteAsync(int laneIndex, List<PendingWrite> batch, CancellationToken abort)
    {
        var lane = _lane = context.Lanes[laneIndex].Name;
        _limiter = context.LaneLimiters[laneIndex];
        var count = batch.Count;
        EnsureCapacity(count);
        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.write");
        activity?.SetTag(TelemetryTags.Target, context.TargetName);
        activity?.SetTag(TelemetryTags.Lane, lane);
        activity?.SetTag("accountingsync.batch_size", count);
        var started = context.Time.GetTimestamp();

        _todo.Clear();
        for (var i = 0; i < count; i++)
        {
            _todo.Add(i);
            _attempts[i] = 0;
            _conflictRetried[i] = false;
        }

        await WriteWithRetriesAsync(batch, abort).ConfigureAwait(false);
        PipelineMetrics.WriteDuration.Record(context.Time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(TelemetryTags.Target, context.TargetName));
        PipelineMetrics.BatchSize.Record(count, new KeyValuePair<string, object?>(TelemetryTags.Target, context.TargetName));

        await CommitAsync(batch, abort).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the batch through the write resilience pipeline. An open circuit is waited out without spending
    /// attempts, which stalls this partition and, through its full channel, the source: back-pressure, not dead
    /// letters. A total timeout leaves the unwritten records failed, to be dead-lettered.
    /// </summary>
    private async ValueTask WriteWithRetriesAsync(List<PendingWrite> batch, CancellationToken abort)
    {
        _batch = batch;
        _chunkSize = context.MaxBulkSize;
        _firstAttempt = true;
        try
        {
            while (true)
            {
                try
                {
                    await context.WriteResilience
                        .ExecuteAsync(static (writer, token) => writer.AttemptAsync(token), this, abort)
                        .ConfigureAwait(false);
                    return;
                }
                catch (BrokenCircuitException open)
                {
                    var wait = open.RetryAfter ?? context.Options.CircuitBreaker.BreakDuration;
                    Log.CircuitOpen(context.Logger, context.TargetName, wait);
                    await Task.Delay(wait, context.Time, abort).ConfigureAwait(false);
                }
                catch (TimeoutRejectedException) when (!abort.IsCancellationRequested)
                {
                    MarkUnfinished("The write did not succeed within the total timeout.");
                    return;
                }
            }
        }
        finally
        {
            _batch = null;
        }
    }

    /// <summary>One attempt: writes every record still pending, in calls of the current chunk size.</summary>
    private async ValueTask<WriteAttempt> AttemptAsync(CancellationToken cancellationToken)
    {
        var batch = _batch!;
        if (!_firstAttempt)
        {
            // Keep only what is still worth writing: transient failures, and a conflict's one re-read retry.
            _retry.Clear();
            foreach (var index in _todo)
            {
                var result = _results[index];
                if (result.Status == WriteStatus.Failed
                    && (result.Error == ErrorClass.Transient || (result.Error == ErrorClass.Conflict && !_conflictRetried[index])))
                {
                    _conflictRetried[index] |= result.Error == ErrorClass.Conflict;
                    _retry.Add(index);
                }
            }

            _todo.Clear();
            _todo.AddRange(_retry);
        }

        _firstAttempt = false;
        foreach (var index in _todo)
        {
            _attempts[index]++;
            _results[index] = Unfinished;
        }

        var threw = false;
        for (var start = 0; start < _todo.Count; start += _chunkSize)
        {
            var length = Math.Min(_chunkSize, _todo.Count - start);
            threw |= !await CallTargetAsync(batch, start, length, cancellationToken).ConfigureAwait(false);
        }

        // A bulk call that threw says nothing about which record is at fault; retry one by one, so a single
        // poisonous record is dead-lettered alone instead of taking its whole batch with it.
        if (threw)
        {
            _chunkSize = 1;
        }

        bool retryable = false, allFailed = _todo.Count > 0;
        TimeSpan? retryAfter = null;
        foreach (var index in _todo)
        {
            var result = _results[index];
            var transient = result.Status == WriteStatus.Failed && result.Error == ErrorClass.Transient;
            var conflict = result.Status == WriteStatus.Failed && result.Error == ErrorClass.Conflict;
            retryable |= transient || (conflict && !_conflictRetried[index]);
            allFailed &= transient;
            retryAfter = Max(retryAfter, result.RetryAfter);
        }

        return new WriteAttempt(retryable, allFailed, retryAfter);
    }

    private void MarkUnfinished(string message)
    {
        foreach (var index in _todo)
        {
            if (_results[index].Status == WriteStatus.Failed)
            {
                _results[index] = TargetWriteResult.Failed(ErrorClass.Transient, message);
            }
        }
    }

    /// <summary>Writes the items <c>_todo[start..start+length]</c> in one call and files each result under its batch index.</summary>
    /// <returns><see langword="false"/> when the call threw instead of answering.</returns>
    private async ValueTask<bool> CallTargetAsync(List<PendingWrite> batch, int start, int length, CancellationToken cancellationToken)
    {
        // Gather the writes of this call into the front of the buffers; results are scattered back after.
        var callWrites = _writes.AsMemory(0, length);
        var callResults = _callResults.AsMemory(0, length);
        for (var j = 0; j < length; j++)
        {
            var pending = batch[_todo[start + j]];
            callWrites.Span[j] = new TargetWrite(pending.Key, pending.Document, pending.Item.Change!.Operation) { Lane = _lane };
        }

        var limiter = _limiter;
        try
        {
            using var lease = limiter is null ? null : await limiter.AcquireAsync(length > 1, cancellationToken).ConfigureAwait(false);
            if (length == 1)
            {
                var single = await context.Target.WriteAsync(_writes[0], cancellationToken).ConfigureAwait(false);
                _callResults[0] = single;
            }
            else
            {
                await context.Target.WriteBulkAsync(callWrites, callResults, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not RateLimitQueueFullException)
        {
            Log.WriteThrew(context.Logger, ex, context.TargetName, length);
            var failed = TargetWriteResult.Failed(ErrorClass.Transient, $"The target threw {ex.GetType().Name}: {ex.Message}");
            callResults.Span.Fill(failed);
            Scatter(start, length);
            return false;
        }

        Scatter(start, length);
        if (limiter is not null)
        {
            // A 429 or 503 with Retry-After is about the partition, not the record: every request to it waits.
            TimeSpan? asked = null;
            for (var j = 0; j < length; j++)
            {
                asked = Max(asked, _callResults[j].RetryAfter);
            }

            if (asked is { } delay)
            {
                limiter.Pause(delay);
            }
        }

        return true;
    }

    private void Scatter(int start, int length)
    {
        for (var j = 0; j < length; j++)
        {
            _results[_todo[start + j]] = _callResults[j];
        }
    }

    private async ValueTask CommitAsync(List<PendingWrite> batch, CancellationToken abort)
    {
        var now = context.Time.GetUtcNow();
        _commits.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (_results[i].Succeeded)
            {
                var pending = batch[i];
                var change = pending.Item.Change!;
                _commits.Add(new CommittedWrite(pending.Key, context.TargetName, change.Entity, change.Version,
                    change.Operation, _results[i].TargetId, now));
            }
        }

        if (_commits.Count > 0)
        {
            await context.Stores.Idempotency.CommitAsync(_commits, abort).ConfigureAwait(false);
        }

        await RememberEventIdsAsync(batch, now, abort).ConfigureAwait(false);

        _runs.Clear();
        var lagEnabled = PipelineMetrics.FreshnessLag.Enabled;
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var result = _results[i];
            if (result.Succeeded)
            {
                _outcomes[i] = result.Status == WriteStatus.AlreadyApplied ? RecordOutcome.AlreadyApplied : RecordOutcome.Written;
                if (lagEnabled && pending.Item.Change!.OccurredAt is { } occurred)
                {
                    PipelineMetrics.FreshnessLag.Record((now - occurred).TotalSeconds,
                        new KeyValuePair<string, object?>(TelemetryTags.Stream, pending.Item.Run.Stream));
                }
            }
            else
            {
                _outcomes[i] = RecordOutcome.DeadLettered;
                await _deadLetters.DeadLetterAsync(pending.Item, pending.Key, result.Error,
                    result.Message ?? "The target refused the write.", [], _attempts[i], abort).ConfigureAwait(false);
            }

            PipelineMetrics.RecordOutcomes(pending.Item.Run.Stream, context.TargetName, _outcomes[i], 1);
            _runs.Add(pending.Item.Run);
        }

        // Complete per run under one lock each: a batch almost always belongs to a single stream.
        foreach (var run in _runs)
        {
            run.CompleteBatch(batch, _outcomes.AsSpan(0, batch.Count));
        }

        foreach (var run in _runs)
        {
            await run.CheckpointIfDueAsync(abort).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the event ids of written records to the dedup store, one call per stream in the batch.</summary>
    private async ValueTask RememberEventIdsAsync(List<PendingWrite> batch, DateTimeOffset now, CancellationToken abort)
    {
        StreamRun? current = null;
        _eventIds.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (!_results[i].Succeeded || pending.Item.Change!.EventId is not { } eventId)
            {
                continue;
            }

            if (current is not null && current != pending.Item.Run && _eventIds.Count > 0)
            {
                await context.Stores.Deduplication.AddAsync(current.Stream, _eventIds, now, abort).ConfigureAwait(false);
                _eventIds.Clear();
            }

            current = pending.Item.Run;
            _eventIds.Add(eventId);
        }

        if (current is not null && _eventIds.Count > 0)
        {
            await context.Stores.Deduplication.AddAsync(current.Stream, _eventIds, now, abort).ConfigureAwait(false);
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private void EnsureCapacity(int count)
    {
        if (_writes.Length < count)
        {
            var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count);
            _writes = new TargetWrite[size];
            _results = new TargetWriteResult[size];
            _callResults = new TargetWriteResult[size];
            _attempts = new int[size];
            _conflictRetried = new bool[size];
            _outcomes = new RecordOutcome[size];
        }
    }
}
