namespace AccountingSync.Scheduling;

/// <summary>One entry of a schedule's run history.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Occurrence">The occurrence the run was for.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended; null while it runs.</param>
/// <param name="Outcome"><c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="Message">Why it failed or was skipped; never payload data.</param>
public sealed record ScheduledRun(
    string Schedule, DateTimeOffset Occurrence, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome,
    string? Message);
