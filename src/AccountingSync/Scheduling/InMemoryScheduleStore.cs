namespace AccountingSync.Scheduling;

/// <summary>An <see cref="IScheduleStore"/> in process memory: for tests and single-instance hosts that accept losing history.</summary>
/// <remarks>Leases hold only within this process. This type is thread-safe.</remarks>
public sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string? Holder, DateTimeOffset ExpiresAt, DateTimeOffset? Last)> _schedules =
        new(StringComparer.Ordinal);
    private readonly Dictionary<(string, DateTimeOffset), ScheduledRun> _runs = [];

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireAsync(
        string schedule, string holder, DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(holder);
        lock (_gate)
        {
            var state = _schedules.GetValueOrDefault(schedule);
            if (state.Holder is not null && state.ExpiresAt > now)
            {
                return ValueTask.FromResult(false);
            }

            _schedules[schedule] = (holder, now + timeToLive, state.Last);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string schedule, string holder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_schedules.TryGetValue(schedule, out var state) && state.Holder == holder)
            {
                _schedules[schedule] = (null, DateTimeOffset.MinValue, state.Last);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> GetLastOccurrenceAsync(string schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_schedules.GetValueOrDefault(schedule).Last);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _runs[(run.Schedule, run.Occurrence)] = run;
            if (run.Outcome != "running")
            {
                var state = _schedules.GetValueOrDefault(run.Schedule);
                var last = state.Last is { } previous && previous > run.Occurrence ? previous : run.Occurrence;
                _schedules[run.Schedule] = (state.Holder, state.ExpiresAt, last);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScheduledRun>> ReadHistoryAsync(string schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ScheduledRun> runs = [.. _runs.Values.Where(r => r.Schedule == schedule).OrderBy(r => r.Occurrence)];
            return ValueTask.FromResult(runs);
        }
    }
}
