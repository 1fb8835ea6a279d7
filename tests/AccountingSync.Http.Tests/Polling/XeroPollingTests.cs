using System.Globalization;
using System.Text.Json;
using AccountingSync.Conformance.Testing;
using AccountingSync.DeadLetters;
using AccountingSync.Http.Polling;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>The polling source over a Xero-shaped listing, run end to end through the real pipeline.</summary>
public sealed class XeroPollingTests : IAsyncLifetime
{
    private readonly FakeLedgerApi _api = new();
    private readonly SyncStores _stores = SyncStores.InMemory();
    private readonly RecordingTarget _target = new();
    private HttpClient? _http;

    public async ValueTask InitializeAsync()
    {
        await _api.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
        for (var i = 0; i < 250; i++)
        {
            _api.Upsert(Id(i), 10m + i);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _api.DisposeAsync();
    }

    private static string Id(int i) => "inv-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private HttpPollingSource Source() => new(_http!, XeroModifiedSince.Endpoint("Invoices", "InvoiceID"));

    private async Task<SyncRunResult> RunAsync()
    {
        await using var pipeline = new SyncPipeline(_target, _stores);
        return await pipeline.RunAsync(Source(), new JsonInvoiceMapper("Total"), TestContext.Current.CancellationToken);
    }

    private void AssertTargetHoldsNewestOfEveryRow()
    {
        var rows = _api.Snapshot();
        var current = _target.Current;
        Assert.Equal(rows.Count, current.Count);
        foreach (var row in rows)
        {
            Assert.Equal(row.Modified.UtcTicks, current[new SourceIdentity("xero", "Invoices", row.Id)].Version.Ordinal);
        }

        var history = _target.History;
        Assert.Equal(history.Count, history.Select(h => h.Key).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_RecordsChangedWhileListing_AreEachCommittedOnce()
    {
        var changed = false;
        _api.OnPage = (_, page) =>
        {
            if (_api.Requests.Count == 2 && !changed)
            {
                // Moves a record already read to the end, which shifts an unread one onto page 1 for a naive pager.
                changed = true;
                _api.Upsert(Id(3), 99m);
                _api.Upsert("inv-new", 5m);
            }

            return null;
        };

        var result = await RunAsync();

        AssertTargetHoldsNewestOfEveryRow();
        Assert.Equal(252, _target.History.Count);
        Assert.Equal(252, result.Written);
    }

    [Fact]
    public async Task RunAsync_SecondPoll_StartsOverlapBeforeWatermarkAndWritesOnlyNewChanges()
    {
        await RunAsync();
        var stored = await _stores.Checkpoints.GetAsync(Source().Name, TestContext.Current.CancellationToken);
        var watermark = Watermark(stored!.Cursor);
        _api.Requests.Clear();
        _api.Upsert(Id(7), 1m);
        _api.Upsert("inv-late", 2m);

        var result = await RunAsync();

        Assert.Equal(2, result.Written);
        Assert.Equal(0, result.DeadLettered);
        var since = _api.Requests[0].IfModifiedSince!.Value;
        Assert.True(since <= watermark - TimeSpan.FromMinutes(5) && since > watermark - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1),
            $"The second poll asked from {since:O}, watermark {watermark:O}.");
        AssertTargetHoldsNewestOfEveryRow();
    }

    [Fact]
    public async Task RunAsync_PageFailsMidListing_CheckpointNeverPassesUncommittedAndRestartResumes()
    {
        var failed = false;
        _api.OnPage = (_, page) =>
        {
            if (_api.Requests.Count == 3 && !failed)
            {
                failed = true;
                return Results.StatusCode(503);
            }

            return null;
        };

        var error = await Assert.ThrowsAsync<PollingPageException>(RunAsync);
        Assert.Equal(Connectors.ErrorClass.Transient, error.Failure!.Value.Error);
        var stored = await _stores.Checkpoints.GetAsync(Source().Name, TestContext.Current.CancellationToken);
        var watermark = Watermark(stored!.Cursor);
        var committed = _target.Current.Keys.Select(k => k.Id).ToHashSet();
        Assert.Equal(199, committed.Count); // each keyed page starts at the newest record of the previous one
        Assert.All(_api.Snapshot().Where(r => !committed.Contains(r.Id)), r => Assert.True(r.Modified >= watermark));
        _api.Requests.Clear();

        var result = await RunAsync();

        Assert.Equal(watermark.ToUnixTimeSeconds(), _api.Requests[0].IfModifiedSince!.Value.ToUnixTimeSeconds());
        Assert.Equal(51, result.Written);
        AssertTargetHoldsNewestOfEveryRow();
    }

    [Fact]
    public async Task RunAsync_MalformedPage_ThrowsTypedErrorNamingPageAndAddress()
    {
        _api.OnPage = (_, _) => _api.Requests.Count == 2 ? Results.Text("{\"Invoices\": [ {\"InvoiceID\": ", "application/json") : null;

        var error = await Assert.ThrowsAsync<PollingPageException>(RunAsync);

        Assert.Contains("page 1 of the listing modified since", error.Message, StringComparison.Ordinal);
        Assert.Contains("api.xro/2.0/Invoices", error.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Null(error.Failure);
        Assert.Equal(100, _target.Current.Count);
    }

    [Fact]
    public async Task RunAsync_SchemaInvalidRecord_IsDeadLetteredAndTheRestGoesOn()
    {
        _api.Upsert(Id(42), total: null);

        var result = await RunAsync();

        Assert.Equal(1, result.DeadLettered);
        Assert.Equal(249, result.Written);
        var letters = await _stores.DeadLetters.QueryAsync(new DeadLetterQuery(), TestContext.Current.CancellationToken);
        var letter = Assert.Single(letters);
        Assert.Equal(Id(42), letter.Entity.Id);
        Assert.Equal("$.Total", Assert.Single(letter.Problems).Path);
    }

    [Fact]
    public async Task ReadChangesAsync_Pages_AreCountedOnTheSdkMeterByStream()
    {
        long pages = 0, records = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Diagnostics.SyncTelemetry.Meter.Name
                && instrument.Name.StartsWith("accountingsync.polling.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == Diagnostics.TelemetryTags.Stream && (string?)tag.Value == "metrics-probe")
                {
                    _ = instrument.Name == "accountingsync.polling.pages" ? pages += value : records += value;
                }
            }
        });
        listener.Start();
        var source = new HttpPollingSource(_http!, XeroModifiedSince.Endpoint("Invoices", "InvoiceID"), "metrics-probe");

        var read = 0;
        await foreach (var _ in source.ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            read++;
        }

        Assert.Equal(3, pages); // 100, then 100 from the newest of page one, then the short last page
        Assert.Equal(read, records);
    }

    internal static DateTimeOffset Watermark(string? cursor)
    {
        using var json = JsonDocument.Parse(cursor!);
        return json.RootElement.GetProperty("watermark").GetDateTimeOffset();
    }
}
