using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SimulatedStore;

/// <summary>
/// The store's REST API on 127.0.0.1, for polling: <c>GET /api/invoices?updated_since=&amp;page=&amp;limit=</c> lists
/// published invoices oldest-modified first (the filter is inclusive), <c>GET /api/invoices/{id}</c> returns one as
/// <c>{"invoice": {...}}</c> or 404. Only invoices the simulation has published are visible. When started with an
/// API key, a request without it in the <c>X-Api-Key</c> header is answered 401.
/// </summary>
public sealed class StoreServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoreInvoice> _byId = new(StringComparer.Ordinal);
    private readonly List<StoreInvoice> _byTime = [];
    private readonly int _throttleEvery;
    private readonly string? _apiKey;
    private int _requests;
    private int _unauthorized;

    private StoreServer(WebApplication app, int throttleEvery, string? apiKey)
    {
        _app = app;
        _throttleEvery = throttleEvery;
        _apiKey = apiKey;
    }

    /// <summary>Gets the API's base address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets how many listing requests were answered 429.</summary>
    public int Throttled { get; private set; }

    /// <summary>Starts the API on a free port.</summary>
    /// <param name="throttleEvery">Answers every n-th listing request with 429 and <c>Retry-After: 1</c>; never when 0.</param>
    /// <param name="apiKey">The key every request must carry in <c>X-Api-Key</c>; none asked for when null.</param>
    /// <returns>The running server.</returns>
    public static async Task<StoreServer> StartAsync(int throttleEvery = 0, string? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StoreServer(app, throttleEvery, apiKey);
        app.Use(server.Authenticate);
        app.MapGet("/api/invoices", server.List);
        app.MapGet("/api/invoices/{id}", server.Find);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>Gets how many requests were refused for a missing or wrong API key.</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    /// <summary>
    /// Makes invoices visible through the API, as the day's trade happens. An invoice whose number is already
    /// published replaces it: that is how the store changes an invoice (give it a later
    /// <see cref="StoreInvoice.UpdatedAt"/>, and the listing moves it to the end).
    /// </summary>
    /// <param name="invoices">The invoices.</param>
    public void Publish(IEnumerable<StoreInvoice> invoices)
    {
        lock (_gate)
        {
            foreach (var invoice in invoices)
            {
                _byId[invoice.Number] = invoice;
            }

            _byTime.Clear();
            _byTime.AddRange(_byId.Values.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Number, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Changes a published invoice as a clerk would: one line's quantity is corrected, and the invoice's
    /// <c>updated_at</c> moves to <paramref name="updatedAt"/>, so the listing serves it after everything older.
    /// </summary>
    /// <param name="number">The invoice's number.</param>
    /// <param name="line">The line's index.</param>
    /// <param name="quantity">The line's new quantity.</param>
    /// <param name="updatedAt">When the change was made; later than the invoice's current time.</param>
    /// <returns>The changed invoice.</returns>
    /// <exception cref="KeyNotFoundException">No invoice with that number is published.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The line does not exist or the time is not later.</exception>
    public StoreInvoice Amend(string number, int line, int quantity, DateTimeOffset updatedAt)
    {
        StoreInvoice current;
        lock (_gate)
        {
            current = _byId[number];
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, current.Rows.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(updatedAt, current.UpdatedAt);
        var rows = current.Rows.Select(r => (string[])r.Clone()).ToList();
        rows[line][Array.IndexOf(RetailDataset.Columns, "Quantity")] = quantity.ToString(CultureInfo.InvariantCulture);
        var amended = current with { UpdatedAt = updatedAt, Rows = rows };
        Publish([amended]);
        return amended;
    }

    /// <summary>Writes the nightly export: every published invoice's rows, in the export format.</summary>
    /// <param name="path">The file to write.</param>
    public void WriteNightlyExport(string path)
    {
        lock (_gate)
        {
            ExportWriter.Write(path, _byTime);
        }
    }

    private async Task Authenticate(HttpContext context, RequestDelegate next)
    {
        var key = context.Request.Headers["X-Api-Key"];
        if (_apiKey is not null && !string.Equals(key, _apiKey, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _unauthorized);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next(context);
    }

    private IResult List(HttpContext context)
    {
        if (_throttleEvery > 0 && Interlocked.Increment(ref _requests) % _throttleEvery == 0)
        {
            Throttled++;
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var query = context.Request.Query;
        var since = DateTimeOffset.TryParse(query["updated_since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)
            ? s
            : DateTimeOffset.MinValue;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l is > 0 and <= 250 ? l : 50;
        List<StoreInvoice> slice;
        lock (_gate)
        {
            slice = [.. _byTime.Where(i => i.UpdatedAt >= since).Skip((page - 1) * limit).Take(limit)];
        }

        return Results.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body);
            json.WriteStartObject();
            json.WriteStartArray("invoices");
            foreach (var invoice in slice)
            {
                InvoiceJson.Write(json, invoice);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, "application/json");
    }

    private IResult Find(string id)
    {
        StoreInvoice? invoice;
        lock (_gate)
        {
            _byId.TryGetValue(id, out invoice);
        }

        if (invoice is null)
        {
            return Results.NotFound();
        }

        return Results.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body);
            json.WriteStartObject();
            json.WritePropertyName("invoice");
            InvoiceJson.Write(json, invoice);
            json.WriteEndObject();
        }, "application/json");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
