using AccountingSync.Batch.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>A scheduled job on two instances that share one PostgreSQL schema runs once per occurrence.</summary>
public sealed class PostgreSqlScheduledJobTests(PostgresTestSchemas schemas) : IClassFixture<PostgresTestSchemas>
{
    [Fact]
    public async Task RunDueAsync_TwoInstancesAtTheSameMoment_OnlyOneRunsTheOccurrence()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = schemas.NewSchema();
        await using var first = await schemas.OpenAsync(schema);
        await using var second = await schemas.OpenAsync(schema);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var runs = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schedule = new BatchSchedule("nightly", "0 2 * * *", TimeZoneInfo.Utc, async (_, token) =>
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(token);
        });
        using var a = new BatchScheduler([schedule], first.Schedules, new BatchSchedulerOptions { InstanceId = "a" }, time);
        using var b = new BatchScheduler([schedule], second.Schedules, new BatchSchedulerOptions { InstanceId = "b" }, time);
        time.Advance(TimeSpan.FromDays(1));

        // Both wake at once; the one that loses the lease goes on without running, while the other is still busy.
        var runningA = a.RunDueAsync(ct);
        var runningB = b.RunDueAsync(ct);
        var finishedFirst = await Task.WhenAny(runningA, runningB);
        Assert.Equal(0, await finishedFirst);
        release.SetResult();
        var ran = await runningA + await runningB;

        Assert.Equal((1, 1), (ran, runs));
        var history = await first.Schedules.ReadHistoryAsync("nightly", ct);
        Assert.Equal("succeeded", Assert.Single(history).Outcome);
        Assert.Equal(0, await a.RunDueAsync(ct) + await b.RunDueAsync(ct));
    }
}
