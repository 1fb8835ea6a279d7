using AccountingSync.Resilience;
using AccountingSync.Tests.Pipeline;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Tests.Resilience;

public sealed class TargetRateLimiterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pause_MakesEveryRequestOfThePartitionWait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions { RequestsPerMinute = 1000 }, time);

        limiter.Pause(TimeSpan.FromSeconds(30));
        var first = limiter.AcquireAsync(bulk: false, Token).AsTask();
        var second = limiter.AcquireAsync(bulk: false, Token).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(first.IsCompleted || second.IsCompleted);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(30), limiter.PausedUntil);

        time.Advance(TimeSpan.FromSeconds(1));
        (await first).Dispose();
        (await second).Dispose();
        Assert.Null(limiter.PausedUntil);
    }

    [Fact]
    public async Task Pause_ShorterThanTheOneInForce_DoesNotShortenIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions(), time);
        limiter.Pause(TimeSpan.FromSeconds(60));
        limiter.Pause(TimeSpan.FromSeconds(5));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(60), limiter.PausedUntil);
    }

    [Fact]
    public async Task Concurrency_QueuedRequestsAreServedInOrderAndCancellationGivesUpTheSlot()
    {
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions { MaxConcurrentRequests = 1 });
        using var cancelled = new CancellationTokenSource();
        var order = new List<string>();

        var holder = await limiter.AcquireAsync(bulk: false, Token);
        var second = limiter.AcquireAsync(bulk: false, cancelled.Token).AsTask();
        var third = Task.Run(async () =>
        {
            var lease = await limiter.AcquireAsync(false, Token);
            lock (order)
            {
                order.Add("third");
            }

            return lease;
        }, Token);
        await SyncPipelineTests.WaitUntilAsync(() => !second.IsCompleted);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        Assert.False(third.IsCompleted);
        holder.Dispose();
        (await third).Dispose();
        Assert.Equal(["third"], order);
    }

    [Fact]
    public async Task RequestsPerWindow_AreNotExceeded()
    {
        // A real, short window: System.Threading.RateLimiting measures real elapsed time.
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions
        {
            RequestsPerMinute = 5,
            MinuteWindow = TimeSpan.FromMilliseconds(300),
        });

        for (var i = 0; i < 5; i++)
        {
            (await limiter.AcquireAsync(false, Token)).Dispose();
        }

        var sixth = limiter.AcquireAsync(false, Token).AsTask();
        Assert.False(sixth.IsCompleted);
        (await sixth.WaitAsync(TimeSpan.FromSeconds(10), Token)).Dispose();
    }

    [Fact]
    public async Task BulkRequests_SpendTheirOwnBudgetToo()
    {
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions
        {
            RequestsPerMinute = 100, BulkRequestsPerMinute = 1, MinuteWindow = TimeSpan.FromSeconds(30),
        });

        (await limiter.AcquireAsync(bulk: true, Token)).Dispose();
        (await limiter.AcquireAsync(bulk: false, Token)).Dispose();
        var secondBulk = limiter.AcquireAsync(bulk: true, Token).AsTask();
        Assert.False(secondBulk.IsCompleted);
    }

    [Fact]
    public async Task ParentLimiter_CapsEveryChild()
    {
        await using var app = new TargetRateLimiter(new TargetRateLimitOptions { MaxConcurrentRequests = 1 });
        await using var tenantA = new TargetRateLimiter(new TargetRateLimitOptions { Partition = "a" }, parent: app);
        await using var tenantB = new TargetRateLimiter(new TargetRateLimitOptions { Partition = "b" }, parent: app);

        var held = await tenantA.AcquireAsync(false, Token);
        var waiting = tenantB.AcquireAsync(false, Token).AsTask();
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public void Presets_CarryTheProvidersDocumentedLimits()
    {
        var qbo = RateLimitPresets.QuickBooksOnline("123");
        Assert.Equal(("qbo:123", 500, 10, 40), (qbo.Partition, qbo.RequestsPerMinute, qbo.MaxConcurrentRequests,
            qbo.BulkRequestsPerMinute));
        Assert.Equal(30, RateLimitPresets.QuickBooksOnlineBatchSize);
        var xero = RateLimitPresets.Xero("t");
        Assert.Equal((60, 5000, 5), (xero.RequestsPerMinute, xero.RequestsPerDay, xero.MaxConcurrentRequests));
        Assert.Equal(10_000, RateLimitPresets.XeroApp().RequestsPerMinute);
    }

    [Fact]
    public void Constructor_OutOfRangeBudget_NamesTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => new TargetRateLimiter(new TargetRateLimitOptions { RequestsPerMinute = 0 }));
        Assert.Contains(error.Failures, f => f.StartsWith("TargetRateLimitOptions.RequestsPerMinute", StringComparison.Ordinal));
    }
}
