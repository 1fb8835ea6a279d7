using AccountingSync.Batch.Internal;
using AccountingSync.Scheduling;

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
            var last = await _store.GetLastOccurrenceAsync(schedule.Name, cancellationToken).ConfigureAwait(false) ?? Started;
            var due = new List<DateTimeOffset>();
            for (var next = schedule.Next(last); next is { } n && n <= now; next = schedule.Next(n))
            {
                due.Add(n);
                if (due.Count > 1_000)
                {
                    break; // A long outage on a per-second schedule: the policy only needs to know there were many.
                }
            }

            if (due.Count == 0 || !await _store.TryAcquireAsync(
                    schedule.Name, _options.InstanceId, now, _options.LeaseTimeToLive, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                ran += await RunOccurrenceAsync(schedule, due, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            finally
            {
                // Released even when the run was cancelled, so a restarted instance need not wait for the lease to lapse.
                await _store.ReleaseAsync(schedule.Name, _options.InstanceId, CancellationToken.None).ConfigureAwait(false);
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
            await RecordAsync(schedule.Name, occurrence, now, now, "skipped",
                $"{due.Count} occurrence(s) were missed; the schedule skips missed runs.").ConfigureAwait(false);
            Log.RunSkipped(_logger, schedule.Name, occurrence, due.Count);
            return false;
        }

        await RecordAsync(schedule.Name, occurrence, now, null, "running", null).ConfigureAwait(false);
        Log.RunStarted(_logger, schedule.Name, occurrence);
        try
        {
            await schedule.Run(occurrence, cancellationToken).ConfigureAwait(false);
            await RecordAsync(schedule.Name, occurrence, now, _time.GetUtcNow(), "succeeded", null).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The occurrence counts as handled: a failed job is rerun by its next occurrence or by hand, and it
            // resumes from its own checkpoint.
            await RecordAsync(schedule.Name, occurrence, now, _time.GetUtcNow(), "failed", ex.GetType().Name).ConfigureAwait(false);
            Log.RunFailed(_logger, schedule.Name, occurrence, ex);
            return true;
        }
    }

    // Outcomes are recorded even when the run was cancelled: the history must say how each occurrence ended.
    private ValueTask RecordAsync(
        string schedule, DateTimeOffset occurrence, DateTimeOffset started, DateTimeOffset? ended, string outcome, string? message) =>
        _store.RecordAsync(new ScheduledRun(schedule, occurrence, started, ended, outcome, message), CancellationToken.None);
}
