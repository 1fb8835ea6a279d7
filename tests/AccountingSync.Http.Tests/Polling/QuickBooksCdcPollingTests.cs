using System.Text.Json;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>The polling source over a QuickBooks-shaped change feed (and a throttled Xero listing).</summary>
public sealed class QuickBooksCdcPollingTests : IAsyncLifetime
{
    private readonly FakeLedgerApi _api = new();
    private HttpClient? _http;

    public async ValueTask InitializeAsync()
    {
        await _api.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _api.DisposeAsync();
    }

    private HttpPollingSource Source(HttpPollingEndpoint endpoint) =>
        new(_http!, endpoint, timeProvider: new FakeTimeProvider(_api.Now.AddMinutes(1)));

    private static async Task<List<SourceChange>> ReadAllAsync(HttpPollingSource source, string? cursor = null)
    {
        var changes = new List<SourceChange>();
        await foreach (var change in source.ReadChangesAsync(cursor, TestContext.Current.CancellationToken))
        {
            changes.Add(change);
        }

        return changes;
    }

    [Fact]
    public async Task ReadChangesAsync_DeletedStub_IsCarriedAsDelete()
    {
        var start = _api.Now;
        _api.Upsert("1", 10m);
        _api.Upsert("2", 20m);
        _api.Upsert("1", status: "Deleted");

        var changes = await ReadAllAsync(Source(QuickBooksChangeDataCapture.Endpoint("123", "Invoice", start)));

        Assert.Equal(["2", "1"], changes.Select(c => c.Entity.Id));
        Assert.Equal([ChangeOperation.Upsert, ChangeOperation.Delete], changes.Select(c => c.Operation));
        Assert.Contains("changedSince=", _api.Requests[0].Url, StringComparison.Ordinal);
        Assert.NotNull(changes[^1].Cursor);
        Assert.Null(changes[0].Cursor);
    }

    [Fact]
    public async Task ReadChangesAsync_CapReached_ContinuesFromNewestAndReadsEveryChange()
    {
        var start = _api.Now;
        for (var i = 0; i < 25; i++)
        {
            _api.Upsert(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _api.CdcCap = 10;
        var endpoint = QuickBooksChangeDataCapture.Endpoint("123", "Invoice", start) with { PageSize = 10 };

        var changes = await ReadAllAsync(Source(endpoint));

        Assert.Equal(25, changes.Select(c => c.Entity.Id).Distinct().Count());
        Assert.True(_api.Requests.Count >= 3);
        Assert.True(changes.Select(c => c.Version.Ordinal).SequenceEqual(changes.Select(c => c.Version.Ordinal).Order()));
    }

    [Fact]
    public async Task ReadChangesAsync_WatermarkBeyondThirtyDays_IsRefusedWithTypedError()
    {
        var endpoint = QuickBooksChangeDataCapture.Endpoint("123", "Invoice", _api.Now.AddDays(-31));

        var error = await Assert.ThrowsAsync<PollingLookbackExceededException>(() => ReadAllAsync(Source(endpoint)));

        Assert.Equal("Invoice", error.Endpoint);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ReadChangesAsync_WatermarkBeyondThirtyDaysWithClamp_AsksFromTheLimit()
    {
        _api.Upsert("1");
        var endpoint = QuickBooksChangeDataCapture.Endpoint("123", "Invoice", _api.Now.AddDays(-40), LookbackPolicy.Clamp);

        var changes = await ReadAllAsync(Source(endpoint));

        Assert.Single(changes);
    }

    [Fact]
    public async Task ReadChangesAsync_NextPoll_ReachesBackByTheOverlapAndReadsItAgain()
    {
        var start = _api.Now;
        _api.Upsert("1");
        var source = Source(QuickBooksChangeDataCapture.Endpoint("123", "Invoice", start));
        var first = await ReadAllAsync(source);
        _api.Upsert("2");

        var second = await ReadAllAsync(source, first[^1].Cursor);

        Assert.Equal(["1", "2"], second.Select(c => c.Entity.Id));
        Assert.Equal(first[0].Version, second[0].Version);
    }

    [Fact]
    public async Task RunAsync_Throttled429_WaitsRetryAfterAndDeliversEveryRecord()
    {
        for (var i = 0; i < 120; i++)
        {
            _api.Upsert("x" + i, 1m);
        }

        var throttled = false;
        _api.OnPage = (context, _) =>
        {
            if (_api.Requests.Count == 2 && !throttled)
            {
                throttled = true;
                context.Response.Headers.RetryAfter = "1";
                return Microsoft.AspNetCore.Http.Results.StatusCode(429);
            }

            return null;
        };
        await using var services = new ServiceCollection()
            .AddHttpClient("xero", c => c.BaseAddress = _api.BaseAddress)
            .AddAccountingSyncResilience().Services
            .BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("xero");
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory());

        var result = await pipeline.RunAsync(
            new HttpPollingSource(http, XeroModifiedSince.Endpoint("Invoices", "InvoiceID")),
            new JsonInvoiceMapper("Total"), TestContext.Current.CancellationToken);

        Assert.True(throttled);
        Assert.Equal(120, target.Current.Count);
        Assert.Equal(120, result.Written);
        Assert.Equal(3, _api.Requests.Count); // a full page, the refused one, its retry (the short last page)
        Assert.NotNull(JsonDocument.Parse(result.Cursor!).RootElement.GetProperty("watermark").GetString());
    }
}
