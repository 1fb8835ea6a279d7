using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>Deletes found by comparing a full id listing on the fake provider with the ids the stream holds.</summary>
public sealed class IdListingDeleteTests : IAsyncLifetime
{
    private readonly FakeLedgerApi _api = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));
    private readonly SyncStores _stores = SyncStores.InMemory();
    private readonly RecordingTarget _target = new();
    private readonly List<(string Id, ChangeOperation Operation)> _writes = [];
    private HttpClient? _http;

    public async ValueTask InitializeAsync()
    {
        await _api.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
        _target.AfterApply = write =>
        {
            lock (_writes) { _writes.Add((write.Document.Source.Id, write.Operation)); }
            return ValueTask.CompletedTask;
        };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _api.DisposeAsync();
    }

    private PollingJob Job(SyncPipeline pipeline, double maxFraction = 0.1)
    {
        var endpoint = XeroModifiedSince.Endpoint("Invoices", "InvoiceID") with
        {
            IdListing = new PollingIdListing
            {
                Path = "api.xro/2.0/InvoiceIds", ItemsPath = "Ids", Pagination = PollingPagination.Page,
                Every = TimeSpan.FromHours(1), MaxDeleteFraction = maxFraction,
            },
        };
        return new PollingJob(pipeline, new HttpPollingSource(_http!, endpoint, "xero-invoices", _time),
            new DeletingInvoiceMapper(), new PollingScheduleOptions(), _stores.Checkpoints, _time);
    }

    private List<string> Deleted()
    {
        lock (_writes) { return [.. _writes.Where(w => w.Operation == ChangeOperation.Delete).Select(w => w.Id).Order()]; }
    }

    [Fact]
    public async Task SyncNowAsync_RecordsRemovedAtProvider_DeletedOnceAndOthersKept()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 250; i++)
        {
            _api.Upsert($"r{i:D3}");
        }

        await using var pipeline = new SyncPipeline(_target, _stores, timeProvider: _time);
        var job = Job(pipeline);
        var first = await job.SyncNowAsync(ct);
        Assert.Equal(250, first.Written);
        Assert.Empty(Deleted());

        _api.Remove("r003");
        _api.Remove("r170");
        _api.Upsert("r300");
        var notDue = await job.SyncNowAsync(ct);
        Assert.Equal(1, notDue.Written);
        Assert.Empty(Deleted());

        _time.Advance(TimeSpan.FromHours(1));
        var diffed = await job.SyncNowAsync(ct);
        Assert.Equal(["r003", "r170"], Deleted());
        Assert.Equal(2, diffed.Written);

        _time.Advance(TimeSpan.FromHours(1));
        var again = await job.SyncNowAsync(ct);
        Assert.Equal(0, again.Written);
        Assert.Equal(["r003", "r170"], Deleted());
    }

    [Fact]
    public async Task SyncNowAsync_ListingLosesMostIds_RefusesWithTypedErrorAndDeletesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 40; i++)
        {
            _api.Upsert($"r{i:D3}");
        }

        await using var pipeline = new SyncPipeline(_target, _stores, timeProvider: _time);
        var job = Job(pipeline, maxFraction: 0.25);
        await job.SyncNowAsync(ct);
        _api.IdListingEmpty = true;
        _api.Upsert("r001", total: 12m);
        _time.Advance(TimeSpan.FromHours(2));

        var error = await Assert.ThrowsAsync<PollingDeleteLimitExceededException>(() => job.SyncNowAsync(ct));

        Assert.Equal(40, error.Missing);
        Assert.Equal(40, error.Known);
        Assert.Contains("PollingIdListing.MaxDeleteFraction", error.Message, StringComparison.Ordinal);
        Assert.Empty(Deleted());
        Assert.Equal(2, _writes.Count(w => w.Id == "r001"));

        _api.IdListingEmpty = false;
        _api.Remove("r010");
        var recovered = await job.SyncNowAsync(ct);
        Assert.Equal(["r010"], Deleted());
        Assert.Equal(1, recovered.Written);
    }

    [Fact]
    public async Task SyncNowAsync_KnownIdsSurviveANewJob_DeletesFoundAfterRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 30; i++)
        {
            _api.Upsert($"r{i:D3}");
        }

        await using (var pipeline = new SyncPipeline(_target, _stores, timeProvider: _time))
        {
            await Job(pipeline).SyncNowAsync(ct);
        }

        _api.Remove("r029");
        _time.Advance(TimeSpan.FromHours(1));
        await using (var pipeline = new SyncPipeline(_target, _stores, timeProvider: _time))
        {
            await Job(pipeline).SyncNowAsync(ct);
        }

        Assert.Equal(["r029"], Deleted());
    }
}
