using AccountingSync.Batch.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Batch.Tests.Scheduling;

public sealed class BatchSchedulerTests : IDisposable
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunDueAsync_SpringForwardSkipsTheHour_RunsOnceAtTheShiftedTime()
    {
        // On 29 March 2026 London's clocks go from 01:00 to 02:00: 01:30 does not exist that night.
        var (runs, scheduler, time, _) = Create("30 1 * * *", new(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));

        await StepAsync(scheduler, time, TimeSpan.FromHours(1), until: new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), // GMT
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), // 02:00 BST, the first instant after the gap
                new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), // 01:30 BST
            ],
            runs);
    }

    [Fact]
    public async Task RunDueAsync_FallBackRepeatsTheHour_RunsOnce()
    {
        // On 25 October 2026 London's clocks go from 02:00 back to 01:00: 01:30 happens twice.
        var (runs, scheduler, time, _) = Create("30 1 * * *", new(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));

        await StepAsync(scheduler, time, TimeSpan.FromMinutes(15), until: new(2026, 10, 26, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)], runs);
    }

    [Theory]
    [InlineData(MissedRunPolicy.RunOnce, 1, "succeeded")]
    [InlineData(MissedRunPolicy.Skip, 0, "skipped")]
    public async Task RunDueAsync_ThreeDaysOfDowntime_FollowsThePolicy(MissedRunPolicy policy, int expectedRuns, string outcome)
    {
        var (runs, scheduler, time, store) = Create("0 3 * * *", new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), policy);

        time.Advance(TimeSpan.FromDays(3));
        await scheduler.RunDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expectedRuns, runs.Count);
        var record = Assert.Single(await store.ReadHistoryAsync("nightly", TestContext.Current.CancellationToken));
        Assert.Equal((new DateTimeOffset(2026, 6, 4, 2, 0, 0, TimeSpan.Zero), outcome), (record.Occurrence, record.Outcome));
        Assert.Equal(0, await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunDueAsync_AnotherInstanceHoldsTheLease_DoesNotStartTheRunTwice()
    {
        using var temp = new TempDirectory();
        var store = new SqliteScheduleStore(temp.Sqlite("schedules.db"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        BatchScheduler? other = null;
        var starts = 0;
        var secondRan = -1;
        var schedule = new BatchSchedule("nightly", "0 3 * * *", London, async (_, ct) =>
        {
            starts++;
            secondRan = await other!.RunDueAsync(ct); // the other instance wakes while this run is going
        });
        var first = new BatchScheduler([schedule], store, new() { InstanceId = "a" }, time);
        other = new BatchScheduler([schedule], store, new() { InstanceId = "b" }, time);

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await first.RunDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal(1, starts);
        Assert.Equal(0, secondRan);
    }

    private (List<DateTimeOffset> Runs, BatchScheduler Scheduler, FakeTimeProvider Time, SqliteScheduleStore Store) Create(
        string cron, DateTimeOffset start, MissedRunPolicy policy = MissedRunPolicy.RunOnce)
    {
        var temp = _temp;
        var runs = new List<DateTimeOffset>();
        var time = new FakeTimeProvider(start);
        var store = new SqliteScheduleStore(temp.Sqlite("schedules.db"));
        var schedule = new BatchSchedule("nightly", cron, London, (occurrence, _) =>
        {
            runs.Add(occurrence);
            return Task.CompletedTask;
        }, policy);
        return (runs, new BatchScheduler([schedule], store, new() { InstanceId = "test" }, time), time, store);
    }

    private static async Task StepAsync(BatchScheduler scheduler, FakeTimeProvider time, TimeSpan step, DateTimeOffset until)
    {
        while (time.GetUtcNow() < until)
        {
            time.Advance(step);
            await scheduler.RunDueAsync(TestContext.Current.CancellationToken);
        }
    }
}
