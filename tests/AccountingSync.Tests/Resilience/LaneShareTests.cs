using AccountingSync.Conformance.Testing;
using AccountingSync.Pipeline;
using AccountingSync.Resilience;

namespace AccountingSync.Tests.Resilience;

public sealed class LaneShareTests
{
    [Fact]
    public async Task LaneWithAShare_GetsItsOwnCapUnderTheTargetsBudget()
    {
        var options = new SyncPipelineOptions();
        options.Lanes[0].Name = "realtime";
        options.Lanes.Add(new LaneOptions { Name = "backfill", RequestShare = 0.6 });
        await using var limiter = new TargetRateLimiter(RateLimitPresets.QuickBooksOnline("42"));
        await using var pipeline = new SyncPipeline(new RecordingTarget(), SyncStores.InMemory(), options, rateLimiter: limiter);

        var lanes = pipeline.Context.LaneLimiters;

        Assert.Same(limiter, lanes[0]);
        Assert.NotSame(limiter, lanes[1]);
        Assert.Equal(300, lanes[1]!.Options.RequestsPerMinute);
        Assert.Equal("qbo:42/backfill", lanes[1]!.Options.Partition);
    }

    [Fact]
    public async Task LaneShare_WithoutARateLimiter_ChangesNothing()
    {
        var options = new SyncPipelineOptions();
        options.Lanes[0].RequestShare = 0.5;
        await using var pipeline = new SyncPipeline(new RecordingTarget(), SyncStores.InMemory(), options);

        Assert.Null(Assert.Single(pipeline.Context.LaneLimiters));
    }

    [Fact]
    public async Task BackfillLaneAtItsCap_LeavesPermitsForTheRealTimeLane()
    {
        // The target allows 5 requests per 300 ms; the backfill lane may spend 40 % of that.
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions
        {
            RequestsPerMinute = 5, MinuteWindow = TimeSpan.FromMilliseconds(300),
        });
        var options = new SyncPipelineOptions();
        options.Lanes[0].Name = "realtime";
        options.Lanes.Add(new LaneOptions { Name = "backfill", RequestShare = 0.4 });
        await using var pipeline = new SyncPipeline(new RecordingTarget(), SyncStores.InMemory(), options, rateLimiter: limiter);
        var backfill = pipeline.Context.LaneLimiters[1]!;

        var first = await backfill.AcquireAsync(false, TestContext.Current.CancellationToken);
        var second = backfill.AcquireAsync(false, TestContext.Current.CancellationToken).AsTask();

        // The backfill lane waits for its own share while the real-time lane still gets a permit of the target's.
        Assert.False(second.IsCompleted);
        (await limiter.AcquireAsync(false, TestContext.Current.CancellationToken)).Dispose();
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
    }
}
