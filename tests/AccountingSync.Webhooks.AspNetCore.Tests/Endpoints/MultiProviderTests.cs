using System.Net;
using System.Net.Http.Headers;
using AccountingSync.Conformance;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Fetching;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Endpoints;

public sealed class MultiProviderTests
{
    private const string Verifier = "test-verifier-token";
    private const string ShopifySecret = "shpss_side_by_side";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Post_QuickBooksAndShopifySideBySide_EachProcessedIntoThePipeline()
    {
        var quickBooksBody = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        var orderBody = File.ReadAllBytes(SharedData.Require("data/payloads/shopify/order.json"));
        await using var host = await StartAsync();

        using var qbo = await PostAsync(
            host, "/webhooks/qbo", quickBooksBody, ("intuit-signature", Signatures.Base64(Verifier, quickBooksBody)));
        using var shop = await PostAsync(host, "/webhooks/shop", orderBody,
            ("X-Shopify-Hmac-Sha256", Signatures.Base64(ShopifySecret, orderBody)),
            ("X-Shopify-Topic", "orders/updated"),
            ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));

        Assert.Equal(HttpStatusCode.OK, qbo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
        await host.Target.WaitForWritesAsync(3, Patience);
        Assert.Equal(1, host.Target.WritesPerEntity[new("qbo:1269959970", "Vendor", "40")]);
        Assert.Equal(1, host.Target.WritesPerEntity[new("qbo:1269959970", "Customer", "43")]);
        Assert.Equal(1, host.Target.WritesPerEntity[new("shop", "order", "450789469")]);
    }

    [Fact]
    public async Task Post_QuickBooksWithFetcher_MapsTheFetchedEntity()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        var fetcher = new RecordingFetcher();
        await using var host = await StartAsync(w => w.UseEntityFetcher("qbo", _ => fetcher));

        using var response = await PostAsync(host, "/webhooks/qbo", body, ("intuit-signature", Signatures.Base64(Verifier, body)));

        await host.Target.WaitForWritesAsync(2, Patience);
        Assert.Equal(2, fetcher.Fetched.Count);
        Assert.All(host.Mapper.Seen, c => Assert.StartsWith("fetched ", Assert.IsType<string>(c.Payload), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_ThinNotificationBacklog_FetchesUpToTheLimitAtOnce()
    {
        const int Events = 8;
        const int Limit = 4;
        var fetcher = new GatedFetcher(Limit);
        // Processing is started by hand once every delivery is stored, so one cycle claims the whole backlog.
        await using var host = await StartAsync(w => w
            .UseEntityFetcher("qbo", _ => fetcher)
            .ConfigureProcessing(p =>
            {
                p.Enabled = false;
                p.MaxConcurrentFetches = Limit;
            }));
        for (var i = 0; i < Events; i++)
        {
            var body = System.Text.Encoding.UTF8.GetBytes(
                "{\"eventNotifications\":[{\"realmId\":\"1269959970\",\"dataChangeEvent\":{\"entities\":[{\"name\":\"Customer\","
                + $"\"id\":\"{100 + i}\",\"operation\":\"Update\",\"lastUpdated\":\"2026-11-05T03:09:04.000Z\"}}]}}}}]}}");
            using var response = await PostAsync(host, "/webhooks/qbo", body, ("intuit-signature", Signatures.Base64(Verifier, body)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var claimed = await host.Services.GetRequiredService<WebhookInboxProcessor>()
            .ProcessOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Events, claimed);
        Assert.Equal(Limit, fetcher.MostAtOnce);
        Assert.Equal(Events, host.Target.Written);
        Assert.Equal(Events, host.Target.WritesPerEntity.Count);
    }

    [Fact]
    public async Task Process_FailedFetch_WaitsForRetryAfterThenTheDoublingBackOff()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero));
        var fetcher = new FailingFetcher(
            new WebhookEntityFetchException("HTTP 429 from vendor/40", null, 429, isTransient: true, TimeSpan.FromSeconds(30)),
            new WebhookEntityFetchException("HTTP 503 from vendor/40", null, 503, isTransient: true));
        await using var host = await StartAsync(
            w => w.UseEntityFetcher("qbo", _ => fetcher).ConfigureProcessing(p =>
            {
                p.Enabled = false;
                p.FetchRetryDelay = TimeSpan.FromSeconds(10);
            }),
            services => services.AddSingleton<TimeProvider>(clock));
        var body = """
            {"eventNotifications":[{"realmId":"1269959970","dataChangeEvent":{"entities":[
            {"name":"Vendor","id":"40","operation":"Update","lastUpdated":"2026-11-05T08:00:00.000Z"}]}}]}
            """u8.ToArray();
        using var response = await PostAsync(host, "/webhooks/qbo", body, ("intuit-signature", Signatures.Base64(Verifier, body)));
        var processor = host.Services.GetRequiredService<WebhookInboxProcessor>();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(1, await processor.ProcessOnceAsync(ct));          // 429: Retry-After 30 s beats the 10 s back-off
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await processor.ProcessOnceAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await processor.ProcessOnceAsync(ct));          // 503 without Retry-After: 10 s doubled
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await processor.ProcessOnceAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await processor.ProcessOnceAsync(ct));          // fetched

        Assert.Equal(3, fetcher.Calls);
        Assert.Equal(1, host.Target.Written);
        var stored = Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), ct));
        Assert.Equal(InboxStatus.Processed, stored.Status);
        Assert.Equal(3, stored.Attempts);
    }

    [Fact]
    public async Task Start_FetchLimitOutOfRange_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync(w => w.ConfigureProcessing(p => p.MaxConcurrentFetches = 0)));

        Assert.Contains("WebhookProcessingOptions.MaxConcurrentFetches must be between 1 and 64 (was 0)", failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ByProvider_RunsStoredEventsAgainWithoutSecondWrite()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        await using var host = await StartAsync();
        using var response = await PostAsync(host, "/webhooks/qbo", body, ("intuit-signature", Signatures.Base64(Verifier, body)));
        await host.Target.WaitForWritesAsync(2, Patience);
        await WaitForStatusAsync(host, InboxStatus.Processed);

        var replayed = await host.Services.GetRequiredService<WebhookReplayer>()
            .ReplayAsync(new InboxQuery { Provider = "qbo" }, TestContext.Current.CancellationToken);

        Assert.Equal(1, replayed);
        await WaitForStatusAsync(host, InboxStatus.Processed);
        Assert.Equal(2, host.Target.Written);
        Assert.Equal(2, host.Mapper.Seen.Count);
    }

    [Fact]
    public async Task Process_UnreadablePayload_DeadLettersAndCompletesTheEvent()
    {
        var body = "{\"eventNotifications\":[{\"dataChangeEvent\":{}}]}"u8.ToArray();
        await using var host = await StartAsync();

        using var response = await PostAsync(host, "/webhooks/qbo", body, ("intuit-signature", Signatures.Base64(Verifier, body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForStatusAsync(host, InboxStatus.Processed);
        var stores = host.Services.GetRequiredService<AccountingSync.Pipeline.SyncStores>();
        var letters = await stores.DeadLetters.QueryAsync(
            new AccountingSync.DeadLetters.DeadLetterQuery(), TestContext.Current.CancellationToken);
        var letter = Assert.Single(letters);
        Assert.Contains("realmId", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(0, host.Target.Written);
    }

    private static async Task WaitForStatusAsync(WebhookTestHost host, InboxStatus status)
    {
        // Polls the inbox without sleeping: each round waits for the processor's next cycle to finish.
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var events = await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken);
            if (events.Count > 0 && events.All(e => e.Status == status))
            {
                return;
            }

            await host.Services.GetRequiredService<WebhookInboxProcessor>().ProcessOnceAsync(TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The inbox did not reach {status} in time.");
    }

    private static Task<WebhookTestHost> StartAsync(
        Action<Configuration.WebhooksBuilder>? more = null, Action<IServiceCollection>? services = null) =>
        WebhookTestHost.StartAsync(w =>
        {
            w.AddQuickBooks("qbo", o =>
                {
                    o.Secrets.Add(Verifier);
                    o.Target = "books";
                })
                .AddShopify("shop", o =>
                {
                    o.Secrets.Add(ShopifySecret);
                    o.Target = "books";
                })
                .UseMapper("qbo", sp => sp.GetRequiredService<ContactMapper>())
                .UseMapper("shop", sp => sp.GetRequiredService<ContactMapper>());
            more?.Invoke(w);
        }, services);

    private static async Task<HttpResponseMessage> PostAsync(
        WebhookTestHost host, string path, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = WebhookEndpointTests.Json(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Holds each fetch until <c>limit</c> are in flight together, and records the most seen at once. A processor
    /// that fetched one at a time would never fill the gate; the bounded wait lets it finish, so the count, not a
    /// hang, reports it.
    /// </summary>
    private sealed class GatedFetcher(int limit) : IWebhookEntityFetcher
    {
        private readonly object _gate = new();
        private TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MostAtOnce { get; private set; }

        public async ValueTask<object?> FetchAsync(AccountingSync.Connectors.SourceChange change, CancellationToken cancellationToken)
        {
            Task full;
            lock (_gate)
            {
                _inFlight++;
                MostAtOnce = Math.Max(MostAtOnce, _inFlight);
                full = _full.Task;
                if (_inFlight == limit)
                {
                    _full.TrySetResult();
                    _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            try
            {
                await full.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Fewer than the limit ever ran together: MostAtOnce says how many.
            }

            lock (_gate)
            {
                _inFlight--;
            }

            var notification = Assert.IsType<WebhookNotification>(change.Payload);
            return $"fetched {notification.EntityType} {notification.EntityId}";
        }
    }

    /// <summary>Throws the given failures one per call, then fetches.</summary>
    private sealed class FailingFetcher(params Exception[] failures) : IWebhookEntityFetcher
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<object?> FetchAsync(AccountingSync.Connectors.SourceChange change, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (call <= failures.Length)
            {
                throw failures[call - 1];
            }

            var notification = Assert.IsType<WebhookNotification>(change.Payload);
            return ValueTask.FromResult<object?>($"fetched {notification.EntityType} {notification.EntityId}");
        }
    }

    private sealed class RecordingFetcher : IWebhookEntityFetcher
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Fetched { get; } = [];

        public ValueTask<object?> FetchAsync(AccountingSync.Connectors.SourceChange change, CancellationToken cancellationToken)
        {
            var notification = Assert.IsType<WebhookNotification>(change.Payload);
            Fetched.Add(notification.EntityId);
            return ValueTask.FromResult<object?>($"fetched {notification.EntityType} {notification.EntityId}");
        }
    }
}
