using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Webhooks.Fetching;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Fetching;

/// <summary>The fetchers' reading of each kind of answer, against a fake provider API on a real Kestrel.</summary>
public sealed class HttpEntityFetcherTests
{
    private const string Realm = "4620816365";
    private const string VendorPath = "/v3/company/4620816365/vendor/40";

    [Fact]
    public async Task FetchAsync_AnswerWithoutTheEntity_ThrowsNamingTheAddressAndTheField()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(200, """{"time":"2026-12-03T10:00:00Z"}"""));
        using var services = Services(api, "quickbooks");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains(VendorPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("no 'Vendor' object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BodyNotJson_ThrowsTypedErrorWithoutTheBody()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(200, "<IntuitResponse>secret</IntuitResponse>"));
        using var services = Services(api, "quickbooks");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task FetchAsync_EntityWithAnotherId_ThrowsRatherThanMappingTheWrongRecord()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(200, """{"Vendor":{"Id":"41"}}"""));
        using var services = Services(api, "quickbooks");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("'Vendor.Id' is not the id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(403, false)]
    public async Task FetchAsync_Refused_ThrowsWithStatusAndTransience(int status, bool transient)
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(status, RetryAfter: "30"));
        using var services = Services(api, "quickbooks");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(transient ? TimeSpan.FromSeconds(30) : null, error.RetryAfter);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_ThrowsTransientNamingTheAddress()
    {
        var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(200));
        var address = api.BaseAddress;
        await api.DisposeAsync();
        var collection = new ServiceCollection();
        collection.AddHttpClient("quickbooks", c => c.BaseAddress = address);
        using var services = collection.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains(VendorPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_OtherFault_ReportsTypeAndCodeButNotTheDetail()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(400, """
            {"Fault":{"Error":[{"Message":"Invalid Reference Id","Detail":"Customer Jane Doe is inactive","code":"2500"}],
            "type":"ValidationFault"}}
            """));
        using var services = Services(api, "quickbooks");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("fault ValidationFault, codes 2500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_DeleteNotification_DoesNotAskTheApi()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(500));
        using var services = Services(api, "quickbooks");

        var fetched = await QuickBooks(services).FetchAsync(
            Change("Vendor", "40") with { Operation = ChangeOperation.Delete }, TestContext.Current.CancellationToken);

        Assert.Null(fetched);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task FetchAsync_XeroAnswerWithTwoEntries_ThrowsNamingTheArray()
    {
        await using var api = await FakeAccountingApi.StartAsync(
            _ => new FakeAnswer(200, """{"Status":"OK","Invoices":[{"InvoiceID":"a"},{"InvoiceID":"b"}]}"""));
        using var services = Services(api, "xero");
        var fetcher = new XeroEntityFetcher(services.GetRequiredService<IHttpClientFactory>(), "xero");

        var error = await Assert.ThrowsAsync<WebhookEntityFetchException>(
            () => fetcher.FetchAsync(Change("INVOICE", "a"), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("/api.xro/2.0/Invoices/a", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Invoices' holds 2 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ResiliencePipelineOnTheClient_RetriesA429WithinOneFetch()
    {
        await using var api = await FakeAccountingApi.StartAsync(_ => new FakeAnswer(200, """{"Vendor":{"Id":"40"}}"""));
        api.Enqueue(VendorPath, new FakeAnswer(429, RetryAfter: "0"));
        var collection = new ServiceCollection();
        collection.AddHttpClient("quickbooks", c => c.BaseAddress = api.BaseAddress).AddAccountingSyncResilience();
        using var services = collection.BuildServiceProvider();

        var fetched = await QuickBooks(services).FetchAsync(Change("Vendor", "40"), TestContext.Current.CancellationToken);

        Assert.Equal("40", Assert.IsType<JsonElement>(fetched).GetProperty("Id").GetString());
        Assert.Equal(2, api.Received.Count);
    }

    private static ServiceProvider Services(FakeAccountingApi api, string name)
    {
        var collection = new ServiceCollection();
        collection.AddHttpClient(name, c => c.BaseAddress = api.BaseAddress);
        return collection.BuildServiceProvider();
    }

    private static QuickBooksEntityFetcher QuickBooks(IServiceProvider services) =>
        new(services.GetRequiredService<IHttpClientFactory>(), "quickbooks");

    private static SourceChange Change(string entity, string id)
    {
        using var raw = JsonDocument.Parse("{}");
        return new SourceChange
        {
            Entity = new SourceIdentity("test:" + Realm, entity, id),
            Payload = new WebhookNotification(Realm, entity, id, "Update", null, raw.RootElement.Clone()),
        };
    }
}
