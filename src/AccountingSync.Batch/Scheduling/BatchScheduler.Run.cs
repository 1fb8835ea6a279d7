using AccountingSync.Batch.Internal;

namespace AccountingSync.Batch.Scheduling;

/// <summary>Running due occurrences.</summary>
public sealed partial class BatchScheduler
{
    /// <summary>Runs every schedule that is due now, one after another; the hosted loop calls this on each wake.</summary>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>How many jobs ran.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        foreach (var schedule in _schedules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = _time.GetUtcNow();
            var last = _store.GetLastOccurrence(schedule.Name) ?? Started;
            var due = new List<DateTimeOffset>();
            for (var next = schedule.Next(last); next is { } n && n <= now; next = schedule.Next(n))
            {
                due.Add(n);
                if (due.Count > 1_000)
                {
                    break; // A long outage on a per-second schedule: the policy only needs to know there were many.
                }
            }

            if (due.Count == 0 || !_store.TryAcquire(schedule.Name, _options.InstanceId, now, _options.LeaseTimeToLive))
            {
                continue;
            }

            try
            {
                ran += await RunOccurrenceAsync(schedule, due, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            finally
            {
                _store.Release(schedule.Name, _options.InstanceId);
            }
        }

        return ran;
    }

    private async Task<bool> RunOccurrenceAsync(
        BatchSchedule schedule, List<DateTimeOffset> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var occurrence = due[^1];
        if (schedule.Missed == MissedRunPolicy.Skip && (due.Count > 1 || now - occurrence > _options.Grace))
        {
            _store.Record(new(schedule.Name, occurrence, now, now, "skipped",
                $"{due.Count} occurrence(s) were missed; the schedule skips missed runs."));
            Log.RunSkipped(_logger, schedule.Name, occurrence, due.Count);
            return false;
        }

        _store.Record(new(schedule.Name, occurrence, now, null, "running", null));
        Log.RunStarted(_logger, schedule.Name, occurrence);
        try
        {
            await schedule.Run(occurrence, cancellationToken).ConfigureAwait(false);
            _store.Record(new(schedule.Name, occurrence, now, _time.GetUtcNow(), "succeeded", null));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The occurrence counts as handled: a failed job is rerun by its next occurrence or by hand, and it
            // resumes from its own checkpoint.
            _store.Record(new(schedule.Name, occurrence, now, _time.GetUtcNow(), "failed", ex.GetType().Name));
            Log.RunFailed(_logger, schedule.Name, occurrence, ex);
            return true;
        }
    }
}
