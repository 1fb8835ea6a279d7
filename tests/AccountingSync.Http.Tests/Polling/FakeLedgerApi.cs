using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// A provider API on a real Kestrel at 127.0.0.1 that serves a Xero-shaped listing (If-Modified-Since, page
/// parameter, 100 per page, ordered by UpdatedDateUTC, Microsoft JSON dates) and a QuickBooks-shaped change feed
/// (changedSince, 30-day limit, capped objects, deleted stubs with status Deleted). Every modification gets a
/// strictly later time, as a provider's clock would give it.
/// </summary>
internal sealed class FakeLedgerApi : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Row> _rows = [];
    private DateTimeOffset _clock = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private WebApplication? _app;

    public sealed record Row(string Id, DateTimeOffset Modified, decimal? Total, string Status);

    /// <summary>Gets or sets a hook run when a page is asked for, with its page number (to change data or fail).</summary>
    public Func<HttpContext, int, IResult?>? OnPage { get; set; }

    /// <summary>Gets or sets the check a bearer token must pass, when the API is protected.</summary>
    public Func<string, bool>? AcceptsToken { get; set; }

    /// <summary>Gets or sets the most objects the change feed returns per call.</summary>
    public int CdcCap { get; set; } = 1000;

    /// <summary>Gets the requests served, as path and query plus the If-Modified-Since header.</summary>
    public List<(string Url, DateTimeOffset? IfModifiedSince)> Requests { get; } = [];

    public Uri BaseAddress => new(_app!.Urls.First() + "/");

    public DateTimeOffset Now { get { lock (_lock) { return _clock; } } }

    public Row Upsert(string id, decimal? total = 10m, string status = "AUTHORISED")
    {
        lock (_lock)
        {
            _clock = _clock.AddSeconds(2);
            var row = new Row(id, _clock, total, status);
            _rows[id] = row;
            return row;
        }
    }

    /// <summary>Removes a record outright, as an API that never reports deletions does.</summary>
    public void Remove(string id)
    {
        lock (_lock)
        {
            _rows.Remove(id);
        }
    }

    /// <summary>Gets or sets a value indicating whether the id listing answers an empty page, as in an outage.</summary>
    public bool IdListingEmpty { get; set; }

    public IReadOnlyList<Row> Snapshot() { lock (_lock) { return [.. _rows.Values]; } }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/api.xro/2.0/Invoices", Xero);
        _app.MapGet("/v3/company/{realm}/cdc", Cdc);
        _app.MapGet("/api.xro/2.0/InvoiceIds", Ids);
        await _app.StartAsync(cancellationToken);
    }

    private IResult Xero(HttpContext context)
    {
        var since = context.Request.GetTypedHeaders().IfModifiedSince;
        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        lock (_lock) { Requests.Add((context.Request.Path + context.Request.QueryString, since)); }
        var bearer = context.Request.Headers.Authorization.ToString();
        if (AcceptsToken is { } accepts && !(bearer.StartsWith("Bearer ", StringComparison.Ordinal) && accepts(bearer[7..])))
        {
            return Results.Unauthorized();
        }

        if (OnPage?.Invoke(context, page) is { } injected)
        {
            return injected;
        }

        List<Row> rows;
        lock (_lock)
        {
            rows = [.. _rows.Values.Where(r => since is null || r.Modified >= since).OrderBy(r => r.Modified)
                .Skip((page - 1) * 100).Take(100)];
        }

        var items = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["InvoiceID"] = r.Id,
            ["UpdatedDateUTC"] = $"/Date({r.Modified.ToUnixTimeMilliseconds()}+0000)/",
            ["Total"] = r.Total,
            ["Status"] = r.Status,
        })]);
        return Results.Text(new JsonObject { ["Status"] = "OK", ["Invoices"] = items }.ToJsonString(), "application/json");
    }

    // Every id the API holds, ordered by id, 100 per page, pages numbered from 1.
    private IResult Ids(HttpContext context)
    {
        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        lock (_lock) { Requests.Add((context.Request.Path + context.Request.QueryString, null)); }
        List<string> ids;
        lock (_lock)
        {
            ids = IdListingEmpty ? [] : [.. _rows.Keys.Order(StringComparer.Ordinal).Skip((page - 1) * 100).Take(100)];
        }

        var items = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["InvoiceID"] = id })]);
        return Results.Text(new JsonObject { ["Ids"] = items }.ToJsonString(), "application/json");
    }

    private IResult Cdc(HttpContext context, string realm)
    {
        var since = DateTimeOffset.Parse(context.Request.Query["changedSince"]!, CultureInfo.InvariantCulture);
        lock (_lock) { Requests.Add((context.Request.Path + context.Request.QueryString, null)); }
        if (since < Now.AddDays(-30))
        {
            return Results.BadRequest(new { Fault = new { Error = new[] { new { Message = "changedSince over 30 days" } } } });
        }

        List<Row> rows;
        lock (_lock)
        {
            // The feed promises no order: newest first here, so the client must sort to continue from a cap.
            rows = [.. _rows.Values.Where(r => r.Modified >= since).OrderBy(r => r.Modified).Take(CdcCap).Reverse()];
        }

        var entity = context.Request.Query["entities"].ToString();
        var items = new JsonArray([.. rows.Select(r => (JsonNode)(r.Status == "Deleted"
            ? new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = r.Id, ["MetaData"] = Meta(r) }
            : new JsonObject { ["Id"] = r.Id, ["TotalAmt"] = r.Total, ["MetaData"] = Meta(r) }))]);
        var query = new JsonObject();
        if (items.Count > 0)
        {
            query[entity] = items;
        }

        var body = new JsonObject
        {
            ["CDCResponse"] = new JsonArray(new JsonObject { ["QueryResponse"] = new JsonArray(query) }),
            ["time"] = Now.ToString("O", CultureInfo.InvariantCulture),
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    // QuickBooks writes times in the company's zone with an offset (Pacific here).
    private static JsonObject Meta(Row r) => new()
    {
        ["CreateTime"] = Pacific(r.Modified),
        ["LastUpdatedTime"] = Pacific(r.Modified),
    };

    private static string Pacific(DateTimeOffset time) =>
        time.ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
