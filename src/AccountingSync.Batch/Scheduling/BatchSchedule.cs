using Cronos;

namespace AccountingSync.Batch.Scheduling;

/// <summary>When a batch job runs: a cron expression in a time zone, and what to do about missed runs.</summary>
/// <remarks>
/// Occurrences are computed by Cronos in <see cref="TimeZone"/>, so a daily 02:30 job runs once on the day the
/// clocks skip 02:30 (at 03:00) and once, not twice, on the day they repeat it. This type is immutable.
/// </remarks>
public sealed class BatchSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="name">The schedule's unique name; the lease and the run history are kept under it.</param>
    /// <param name="cron">A five-field cron expression (six with seconds), such as <c>30 2 * * *</c>.</param>
    /// <param name="timeZone">The zone the expression is read in.</param>
    /// <param name="run">Runs the job for one occurrence (the scheduled instant, UTC).</param>
    /// <param name="missed">What to do about missed occurrences.</param>
    /// <exception cref="CronFormatException">The expression is not valid cron.</exception>
    public BatchSchedule(
        string name, string cron, TimeZoneInfo timeZone, Func<DateTimeOffset, CancellationToken, Task> run,
        MissedRunPolicy missed = MissedRunPolicy.RunOnce)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(run);
        Name = name;
        Expression = CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
            ? CronFormat.IncludeSeconds : CronFormat.Standard);
        TimeZone = timeZone;
        Run = run;
        Missed = missed;
    }

    /// <summary>Gets the schedule's name.</summary>
    public string Name { get; }

    /// <summary>Gets the parsed cron expression.</summary>
    public CronExpression Expression { get; }

    /// <summary>Gets the zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Gets the job to run for an occurrence.</summary>
    public Func<DateTimeOffset, CancellationToken, Task> Run { get; }

    /// <summary>Gets what to do about missed occurrences.</summary>
    public MissedRunPolicy Missed { get; }

    /// <summary>Gets the next occurrence strictly after an instant.</summary>
    /// <param name="after">The instant.</param>
    /// <returns>The occurrence, or null when the expression has no more.</returns>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        Expression.GetNextOccurrence(after.UtcDateTime, TimeZone) is { } next ? new DateTimeOffset(next) : null;
}
