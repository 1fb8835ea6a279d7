using System.Net;
using System.Text;
using System.Text.Json;
using AccountingSync.Conformance;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Tests.Endpoints;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Fetching;

/// <summary>
/// Signed thin notifications posted to the real webhook endpoint; the processor fetches each entity from a fake
/// provider API on a real Kestrel, through a named HttpClient carrying the Http package's API-key handler.
/// </summary>
public sealed class EntityFetchingEndToEndTests
{
    private const string Verifier = "qbo-verifier-token";
    private const string XeroKey = "xero-webhook-key";
    private const string Realm = "1269959970";
    private const string XeroTenant = "aef86862-2015-4b6b-88bc-d89032cecc50";
    private const string CreditNoteId = "249f15fa-f2a7-4acc-8769-0984103f2225";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, (string Name, string Json)> QuickBooksEntities = new()
    {
        ["vendor/40"] = ("Vendor", """
            {"Id":"40","DisplayName":"Books by Bessie","MetaData":{"LastUpdatedTime":"2016-10-05T03:09:04-07:00"}}
            """),
        ["customer/43"] = ("Customer", """{"Id":"43","DisplayName":"Amy's Bird Sanctuary","SyncToken":"2"}"""),
    };

    [Fact]
    public async Task Post_QuickBooksNotification_FetchedEntitiesReachTheTarget()
    {
        await using var api = await FakeAccountingApi.StartAsync(ProviderApis.QuickBooks(Realm, QuickBooksEntities));
        await using var host = await StartQuickBooksAsync(api);

        using var response = await PostQuickBooksAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Target.WaitForWritesAsync(2, Patience);
        var names = host.Mapper.Seen.Select(c => ProviderApis.Text(c.Payload, "DisplayName")).Order().ToList();
        Assert.Equal(["Amy's Bird Sanctuary", "Books by Bessie"], names);
        Assert.Equal(
            ["/v3/company/1269959970/customer/43", "/v3/company/1269959970/vendor/40"],
            api.Received.Select(r => r.Path).Order().ToList());
        Assert.All(api.Received, r => Assert.Equal("?minorversion=75", r.Query));
        Assert.Equal(1, host.Target.WritesPerEntity[new($"qbo:{Realm}", "Vendor", "40")]);
    }

    [Fact]
    public async Task Post_QuickBooksEntityGone_404AndFault610PassTheNotificationOn()
    {
        var deleted = new HashSet<string> { "customer/43" };
        var none = new Dictionary<string, (string Name, string Json)>();
        await using var api = await FakeAccountingApi.StartAsync(ProviderApis.QuickBooks(Realm, none, deleted));
        await using var host = await StartQuickBooksAsync(api);
        var gone = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "accountingsync.webhooks.fetches")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "accountingsync.webhook.result" && (string?)t.Value == "gone"))
            {
                Interlocked.Add(ref gone, (int)value);
            }
        });
        listener.Start();

        using var response = await PostQuickBooksAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Target.WaitForWritesAsync(2, Patience);
        Assert.All(host.Mapper.Seen, c => Assert.IsType<WebhookNotification>(c.Payload));
        Assert.Equal(2, api.Received.Count);
        Assert.True(Volatile.Read(ref gone) >= 2, $"gone fetches counted: {gone}");
        var stored = Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
        Assert.Null(stored.LastError);
    }

    [Fact]
    public async Task Process_RateLimitedThenAvailable_ReleasesTheEventAndFetchesAgain()
    {
        await using var api = await FakeAccountingApi.StartAsync(ProviderApis.QuickBooks(Realm, QuickBooksEntities));
        api.Enqueue("/v3/company/1269959970/vendor/40", new FakeAnswer(429, RetryAfter: "1"));
        await using var host = await StartQuickBooksAsync(api);

        using var response = await PostQuickBooksAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Target.WaitForWritesAsync(2, Patience);
        var stored = Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
        Assert.True(stored.Attempts >= 2, $"attempts: {stored.Attempts}");
        Assert.Contains("HTTP 429", stored.LastError, StringComparison.Ordinal);
        Assert.Contains("/v3/company/1269959970/vendor/40", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(1, host.Target.WritesPerEntity[new($"qbo:{Realm}", "Vendor", "40")]);
        Assert.Equal(1, host.Target.WritesPerEntity[new($"qbo:{Realm}", "Customer", "43")]);
        Assert.All(host.Mapper.Seen, c => Assert.IsType<JsonElement>(c.Payload));
    }

    [Fact]
    public async Task Process_FetchRefusedUntilTheLimit_DeadLettersAndReplayAfterTheFixWritesOnce()
    {
        await using var api = await FakeAccountingApi.StartAsync(ProviderApis.QuickBooks(Realm, QuickBooksEntities));
        api.Enqueue("/v3/company/1269959970/vendor/40", new FakeAnswer(403));
        api.Enqueue("/v3/company/1269959970/vendor/40", new FakeAnswer(403));
        await using var host = await StartQuickBooksAsync(api, maxFetchAttempts: 2);

        using var response = await PostQuickBooksAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stores = host.Services.GetRequiredService<AccountingSync.Pipeline.SyncStores>();
        var letters = await WaitForDeadLettersAsync(stores);
        var letter = Assert.Single(letters);
        Assert.Contains("HTTP 403", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("gave up after 2 attempts", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(AccountingSync.Connectors.ErrorClass.Permanent, letter.ErrorClass);
        Assert.Equal(0, host.Target.Written);

        // The provider answers again (the two refusals are spent): replaying the event by id writes both entities.
        var stored = Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(InboxStatus.Processed, stored.Status);
        await host.Services.GetRequiredService<WebhookReplayer>().ReplayAsync(
            new InboxQuery { EventIds = [stored.EventId] }, TestContext.Current.CancellationToken);
        await host.Target.WaitForWritesAsync(2, Patience);
        Assert.Equal(1, host.Target.WritesPerEntity[new($"qbo:{Realm}", "Vendor", "40")]);
    }

    [Fact]
    public async Task Post_XeroEvent_FetchesWithTheTenantHeaderAndMapsTheEntity()
    {
        var records = ProviderApis.Records(SharedData.Require("data/payloads/xero/creditnotes_get_200.json"), "CreditNotes");
        await using var api = await FakeAccountingApi.StartAsync(ProviderApis.Xero(XeroTenant, "CreditNotes", "CreditNoteID", records));
        await using var host = await WebhookTestHost.StartAsync(
            w => w.AddXero("xero", o =>
                {
                    o.Secrets.Add(XeroKey);
                    o.Target = "books";
                })
                .UseMapper("xero", sp => sp.GetRequiredService<ContactMapper>())
                .UseXeroEntityFetcher("xero", "xero-api"),
            services => services.AddHttpClient("xero-api", c => c.BaseAddress = api.BaseAddress)
                .AddApiKey("Authorization", ProviderApis.Token));
        var body = Encoding.UTF8.GetBytes($$"""
            {"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/CreditNotes/{{CreditNoteId}}",
            "resourceId":"{{CreditNoteId}}","tenantId":"{{XeroTenant}}","tenantType":"ORGANISATION",
            "eventCategory":"CREDITNOTE","eventType":"UPDATE","eventDateUtc":"2026-12-02T00:44:09.923"}],
            "firstEventSequence":"77","lastEventSequence":"77","entropy":"QWERTYUIOPASDFGHJKLZ"}
            """);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/xero") { Content = WebhookEndpointTests.Json(body) };
        request.Headers.TryAddWithoutValidation("x-xero-signature", Signatures.Base64(XeroKey, body));
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Target.WaitForWritesAsync(1, Patience);
        var change = Assert.Single(host.Mapper.Seen);
        Assert.Equal("CN-0005", ProviderApis.Text(change.Payload, "CreditNoteNumber"));
        var asked = Assert.Single(api.Received);
        Assert.Equal($"/api.xro/2.0/CreditNotes/{CreditNoteId}", asked.Path);
        Assert.Equal(XeroTenant, asked.Tenant);
        Assert.Contains("application/json", asked.Accept, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<AccountingSync.DeadLetters.DeadLetter>> WaitForDeadLettersAsync(
        AccountingSync.Pipeline.SyncStores stores)
    {
        var done = SpinWait.SpinUntil(
            () => stores.DeadLetters.QueryAsync(new AccountingSync.DeadLetters.DeadLetterQuery(), CancellationToken.None)
                .AsTask().GetAwaiter().GetResult().Count > 0,
            Patience);
        Assert.True(done, "No dead letter in time.");
        return await stores.DeadLetters.QueryAsync(
            new AccountingSync.DeadLetters.DeadLetterQuery(), TestContext.Current.CancellationToken);
    }

    private static Task<WebhookTestHost> StartQuickBooksAsync(FakeAccountingApi api, int maxFetchAttempts = 20) =>
        WebhookTestHost.StartAsync(
            w => w.AddQuickBooks("qbo", o =>
                {
                    o.Secrets.Add(Verifier);
                    o.Target = "books";
                })
                .UseMapper("qbo", sp => sp.GetRequiredService<ContactMapper>())
                .UseQuickBooksEntityFetcher("qbo", "quickbooks", minorVersion: "75")
                .ConfigureProcessing(p =>
                {
                    p.MaxFetchAttempts = maxFetchAttempts;
                    // Only the provider's Retry-After delays a retry here; the back-off has its own test.
                    p.FetchRetryDelay = TimeSpan.Zero;
                }),
            services => services.AddHttpClient("quickbooks", c => c.BaseAddress = api.BaseAddress)
                .AddApiKey("Authorization", ProviderApis.Token));

    private static async Task<HttpResponseMessage> PostQuickBooksAsync(WebhookTestHost host)
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/qbo") { Content = WebhookEndpointTests.Json(body) };
        request.Headers.TryAddWithoutValidation("intuit-signature", Signatures.Base64(Verifier, body));
        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
