using System.Globalization;
using AccountingSync.Batch.Scheduling;

namespace BatchSync;

/// <summary>
/// The export job as a production host would run it: from a <see cref="BatchScheduler"/> (Cronos expressions,
/// a lease so one instance runs a night, run history in SQLite). The sample moves a <see cref="ManualClock"/> to
/// the next night instead of waiting for it.
/// </summary>
public static class NightlySchedule
{
    /// <summary>The schedule: at 02:30 each night, in the store's time zone.</summary>
    public const string Cron = "30 2 * * *";

    /// <summary>The schedule's name, under which its lease and history are kept.</summary>
    public const string Name = "store-export";

    /// <summary>The job id of the export a night loads: the trading day before it.</summary>
    /// <param name="night">The occurrence, as the scheduler passes it.</param>
    /// <param name="zone">The store's time zone.</param>
    /// <returns>The job id.</returns>
    public static string JobIdFor(DateTimeOffset night, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(night, zone).DateTime).AddDays(-1);
        return string.Create(CultureInfo.InvariantCulture, $"{Name}-{day:yyyy-MM-dd}");
    }

    /// <summary>
    /// Starts a scheduler in the evening of a trading day, moves the clock past the night's run, and runs what is due.
    /// </summary>
    /// <param name="tradeDay">The trading day.</param>
    /// <param name="zone">The store's time zone.</param>
    /// <param name="database">The scheduler's SQLite file.</param>
    /// <param name="run">The job to run for a night.</param>
    /// <returns>The occurrence, how many jobs ran, and the recorded outcome.</returns>
    public static async Task<(DateTimeOffset Occurrence, int Ran, string Outcome)> RunNextNightAsync(
        DateOnly tradeDay, TimeZoneInfo zone, string database, Func<DateTimeOffset, CancellationToken, Task> run)
    {
        var evening = tradeDay.ToDateTime(new TimeOnly(22, 0));
        var clock = new ManualClock(new DateTimeOffset(evening, zone.GetUtcOffset(evening)));
        var schedule = new BatchSchedule(Name, Cron, zone, run);
        var store = new SqliteScheduleStore($"Data Source={database}");
        using var scheduler = new BatchScheduler([schedule], store, timeProvider: clock);
        var occurrence = schedule.Next(clock.GetUtcNow())
            ?? throw new InvalidOperationException($"The schedule '{Cron}' never fires.");
        clock.Set(occurrence.AddMinutes(1));
        var ran = await scheduler.RunDueAsync(CancellationToken.None);
        var last = (await store.ReadHistoryAsync(Name, CancellationToken.None)).LastOrDefault();
        return (occurrence, ran, last?.Outcome ?? "none");
    }
}
