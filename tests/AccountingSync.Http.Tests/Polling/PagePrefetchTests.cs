using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// Asking for the next page while the current one is read: only when the next request follows from the page
/// alone, with failures in the order a request made later would give them, and nothing left running when the
/// reader stops early.
/// </summary>
public sealed class PagePrefetchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeLedgerApi _api = new();
    private HttpClient? _http;

    public async ValueTask InitializeAsync()
    {
        await _api.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
        for (var i = 0; i < 250; i++)
        {
            _api.Upsert("inv-" + i.ToString("D4", CultureInfo.InvariantCulture));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _api.DisposeAsync();
    }

    /// <summary>A plain paged listing: page numbers, no modified-since filter, so page n+1 follows from page n.</summary>
    private HttpPollingSource PagedSource() => new(_http!, new HttpPollingEndpoint
    {
        System = "xero", EntityType = "Invoices", Path = "api.xro/2.0/Invoices", ItemsPath = "Invoices",
        IdField = "InvoiceID", ModifiedField = "UpdatedDateUTC", Pagination = PollingPagination.Page,
        PageSize = 100, ModifiedSince = ModifiedSinceFilter.None,
    });

    [Fact]
    public async Task ReadChangesAsync_PagedListing_AsksForTheNextPageWhileTheCurrentOneIsRead()
    {
        var secondAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.OnPage = (_, page) =>
        {
            if (page == 2)
            {
                secondAsked.TrySetResult();
            }

            return null;
        };

        var read = 0;
        await foreach (var change in PagedSource().ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            if (read++ == 0)
            {
                // Holding the first record of page 1: page 2 must already be on its way.
                await secondAsked.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(250, read);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task ReadChangesAsync_NextPageFails_EveryRecordOfTheCurrentPageComesFirst()
    {
        _api.OnPage = (_, page) => page == 2 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : null;
        var read = new List<SourceChange>();

        var error = await Assert.ThrowsAsync<PollingPageException>(async () =>
        {
            await foreach (var change in PagedSource().ReadChangesAsync(null, TestContext.Current.CancellationToken))
            {
                read.Add(change);
            }
        });

        Assert.Equal(100, read.Count);
        Assert.NotNull(read[^1].Cursor);
        Assert.Contains("page 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChangesAsync_ReaderStopsEarly_TheRequestedPageIsCancelled()
    {
        var secondAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.OnPage = (context, page) =>
        {
            if (page != 2)
            {
                return null;
            }

            // Page 2 is held open until the client gives up on it.
            secondAsked.TrySetResult();
            if (context.RequestAborted.WaitHandle.WaitOne(Patience))
            {
                secondAborted.TrySetResult();
            }

            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        };

        await foreach (var change in PagedSource().ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            await secondAsked.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            break;
        }

        await secondAborted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ReadChangesAsync_ListingKeyedByModifiedTime_AsksOnlyForThePagesItsRecordsLeadTo()
    {
        // Xero's shape continues from the newest modified time of a full page, which only its records tell: a
        // page asked for ahead would be page 2 of the old listing, never read.
        var source = new HttpPollingSource(_http!, XeroModifiedSince.Endpoint("Invoices", "InvoiceID"));

        var ids = new HashSet<string>();
        await foreach (var change in source.ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            ids.Add(change.Entity.Id); // the record at a page's newest time is read again by the next
        }

        Assert.Equal(250, ids.Count);
        Assert.Equal(3, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.EndsWith("page=1", r.Url, StringComparison.Ordinal));
    }
}
