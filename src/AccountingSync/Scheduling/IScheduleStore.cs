namespace AccountingSync.Scheduling;

/// <summary>
/// A schedule's durable state: the lease that keeps a scheduled job from running twice at once (across every
/// instance that shares the store), the last occurrence handled, and the run history.
/// </summary>
/// <remarks>
/// A lease is taken by one conditional write, so of two instances racing for it exactly one wins; it lapses after
/// its time to live, so a crashed holder does not block the schedule for ever. Implementations are thread-safe.
/// </remarks>
public interface IScheduleStore
{
    /// <summary>Takes the schedule's lease when it is free or has lapsed.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="holder">Who takes it (an instance id).</param>
    /// <param name="now">The current time.</param>
    /// <param name="timeToLive">How long the lease lasts unless released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this holder now has the lease.</returns>
    ValueTask<bool> TryAcquireAsync(
        string schedule, string holder, DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Releases the lease when this holder has it; does nothing otherwise.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="holder">The holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseAsync(string schedule, string holder, CancellationToken cancellationToken);

    /// <summary>Gets the last occurrence handled (run to an end, or skipped), or null before the first.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The occurrence.</returns>
    ValueTask<DateTimeOffset?> GetLastOccurrenceAsync(string schedule, CancellationToken cancellationToken);

    /// <summary>
    /// Records a run; one that is no longer <c>running</c> also marks its occurrence handled. The last occurrence
    /// never moves back.
    /// </summary>
    /// <param name="run">The run; a second record for the same occurrence replaces the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the run is recorded.</returns>
    ValueTask RecordAsync(ScheduledRun run, CancellationToken cancellationToken);

    /// <summary>Reads a schedule's run history, oldest occurrence first.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs.</returns>
    ValueTask<IReadOnlyList<ScheduledRun>> ReadHistoryAsync(string schedule, CancellationToken cancellationToken);
}
