using AccountingSync.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Batch.Scheduling;

/// <summary>
/// A hosted service that runs batch jobs when their cron schedules fall due, at most one run per schedule at a
/// time across every instance sharing the <see cref="SqliteScheduleStore"/>, and records each run's history.
/// </summary>
/// <remarks>
/// <para>
/// On each wake the scheduler looks, per schedule, for occurrences after the last one handled and at or before
/// now. None: nothing to do. Otherwise it takes the schedule's lease (skipping the schedule when another run
/// holds it) and applies the <see cref="MissedRunPolicy"/>: <see cref="MissedRunPolicy.RunOnce"/> runs once
/// for the latest due occurrence; <see cref="MissedRunPolicy.Skip"/> runs it only when it is the only one due
/// and within <see cref="BatchSchedulerOptions.Grace"/>, and otherwise records it as skipped. The first wake of
/// a new schedule counts from that moment: nothing before it is missed.
/// </para>
/// <para>Time comes from the <see cref="TimeProvider"/>; tests drive it with a fake one.</para>
/// </remarks>
public sealed partial class BatchScheduler : BackgroundService
{
    private readonly IReadOnlyList<BatchSchedule> _schedules;
    private readonly IScheduleStore _store;
    private readonly BatchSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="schedules">The schedules; names must be unique.</param>
    /// <param name="store">Where leases and history live.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="ArgumentException">Two schedules share a name, or a setting is out of range.</exception>
    public BatchScheduler(
        IEnumerable<BatchSchedule> schedules, IScheduleStore store, BatchSchedulerOptions? options = null,
        TimeProvider? timeProvider = null, ILogger<BatchScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(store);
        _schedules = [.. schedules];
        if (_schedules.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two schedules are named '{twice.Key}'.", nameof(schedules));
        }

        _options = options ?? new BatchSchedulerOptions();
        if (_options.LeaseTimeToLive <= TimeSpan.Zero || _options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                "BatchSchedulerOptions.LeaseTimeToLive and BatchSchedulerOptions.PollInterval must be positive.", nameof(options));
        }

        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Started = _time.GetUtcNow();
    }

    private DateTimeOffset Started { get; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunDueAsync(stoppingToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var wake = now + _options.PollInterval;
            foreach (var schedule in _schedules)
            {
                var last = await _store.GetLastOccurrenceAsync(schedule.Name, stoppingToken).ConfigureAwait(false);
                if (schedule.Next(last ?? Started) is { } next && next < wake)
                {
                    wake = next;
                }
            }

            await Task.Delay(wake > now ? wake - now : TimeSpan.Zero, _time, stoppingToken).ConfigureAwait(false);
        }
    }
}
