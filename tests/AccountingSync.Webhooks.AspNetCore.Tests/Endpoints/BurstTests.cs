using System.Collections.Concurrent;
using System.Net;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Tests.Infrastructure;

namespace AccountingSync.Webhooks.Tests.Endpoints;

public sealed class BurstTests
{
    private const int Deliveries = 10_000;
    private const int Concurrency = 64;

    [Fact]
    public async Task Post_TenThousandDeliveries_AllAcceptedAndProcessedExactlyOnce()
    {
        await using var host = await WebhookEndpointTests.StartStripeAsync();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();

        // Every tenth delivery is sent twice, as providers do on a lost acknowledgement.
        var sends = Enumerable.Range(0, Deliveries).Concat(Enumerable.Range(0, Deliveries).Where(i => i % 10 == 0));
        await Parallel.ForEachAsync(
            sends,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) =>
            {
                using var response = await WebhookEndpointTests.SendStripeAsync(
                    host, WebhookEndpointTests.StripeEvent($"evt_burst_{i}", $"in_burst_{i}"));
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            });

        Assert.Equal(Deliveries + (Deliveries / 10), statuses.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Single(statuses);
        await host.Target.WaitForWritesAsync(Deliveries, TimeSpan.FromSeconds(30));
        Assert.Equal(Deliveries, host.Target.WritesPerEntity.Count);
        Assert.All(host.Target.WritesPerEntity.Values, count => Assert.Equal(1, count));
        var stored = await host.Inbox.ListAsync(new InboxQuery { Limit = 2 * Deliveries }, TestContext.Current.CancellationToken);
        Assert.Equal(Deliveries, stored.Count);
    }
}
