using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountingSync.Http.Polling;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Benchmarks.Polling;

/// <summary>
/// Records per second read from a local Kestrel serving Xero-shaped pages (100 records each): the polling source
/// (paging, cursor, identity, version and status per record) beside raw HttpClient + System.Text.Json reading the
/// same pages and the same fields.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 20)]
[MemoryDiagnoser]
public class PollingSourceBenchmarks
{
    private const int Pages = 20;
    private const int PageSize = 100;
    private byte[][] _pages = [];
    private WebApplication? _server;
    private HttpClient? _http;
    private HttpPollingSource? _source;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        _pages = [.. Enumerable.Range(0, Pages + 1).Select(p => Page(p, p == Pages ? 0 : PageSize, start))];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/Invoices", (HttpContext context) =>
        {
            var page = int.Parse(context.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
            return Results.Bytes(_pages[Math.Min(page - 1, Pages)], "application/json");
        });
        await _server.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_server.Urls.First() + "/") };
        _source = new HttpPollingSource(_http, new HttpPollingEndpoint
        {
            System = "xero", EntityType = "Invoices", Path = "Invoices", ItemsPath = "Invoices", IdField = "InvoiceID",
            ModifiedField = "UpdatedDateUTC", StatusField = "Status", Pagination = PollingPagination.Page,
            PageSize = PageSize, ModifiedSince = ModifiedSinceFilter.None,
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient + System.Text.Json", OperationsPerInvoke = Pages * PageSize)]
    public async Task<int> Raw()
    {
        var read = 0;
        for (var page = 1; ; page++)
        {
            using var response = await _http!.GetAsync(
                new Uri($"Invoices?page={page}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            var count = 0;
            foreach (var item in document.RootElement.GetProperty("Invoices").EnumerateArray())
            {
                _ = item.GetProperty("InvoiceID").GetString();
                _ = item.GetProperty("UpdatedDateUTC").GetString();
                _ = item.GetProperty("Status").GetString();
                count++;
            }

            read += count;
            if (count < PageSize)
            {
                return read;
            }
        }
    }

    [Benchmark(Description = "raw with clone", OperationsPerInvoke = Pages * PageSize)]
    public async Task<int> RawClone()
    {
        var read = 0;
        for (var page = 1; ; page++)
        {
            using var response = await _http!.GetAsync(
                new Uri($"Invoices?page={page}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            JsonElement root;
            using (var document = await JsonDocument.ParseAsync(stream))
            {
                root = document.RootElement.Clone();
            }

            var count = 0;
            foreach (var item in root.GetProperty("Invoices").EnumerateArray())
            {
                _ = item.GetProperty("InvoiceID").GetString();
                _ = item.GetProperty("UpdatedDateUTC").GetString();
                _ = item.GetProperty("Status").GetString();
                count++;
            }

            read += count;
            if (count < PageSize)
            {
                return read;
            }
        }
    }

    [Benchmark(Description = "HttpPollingSource", OperationsPerInvoke = Pages * PageSize)]
    public async Task<int> PollingSource()
    {
        var read = 0;
        await foreach (var change in _source!.ReadChangesAsync(null, CancellationToken.None))
        {
            read++;
        }

        return read;
    }

    private static byte[] Page(int page, int count, DateTimeOffset start)
    {
        var json = new StringBuilder("{\"Status\":\"OK\",\"Invoices\":[");
        for (var i = 0; i < count; i++)
        {
            var n = (page * PageSize) + i;
            var ms = start.AddSeconds(n).ToUnixTimeMilliseconds();
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"InvoiceID\":\"{Guid.NewGuid()}\",\"InvoiceNumber\":\"INV-{n}\",")
                .Append(CultureInfo.InvariantCulture,
                    $"\"UpdatedDateUTC\":\"/Date({ms}+0000)/\",\"Status\":\"AUTHORISED\",\"Total\":{n}.25,")
                .Append(CultureInfo.InvariantCulture,
                    $"\"LineItems\":[{{\"Description\":\"Item {n}\",\"Quantity\":1,\"UnitAmount\":{n}.25}}]}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
