using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AccountingSync.Http.Polling;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// An in-memory provider paged by continuation token: each request's <c>cursor</c> query value picks the page a
/// script answers with, so a test can make any page fail, repeat or hold, and see the order of the requests.
/// </summary>
internal sealed class TokenPagedApi : HttpMessageHandler
{
    private readonly Lock _lock = new();

    /// <summary>Gets or sets the answer to a request, given its token (null for the first page).</summary>
    public required Func<string?, CancellationToken, Task<HttpResponseMessage>> Answer { get; set; }

    /// <summary>Gets the tokens asked for, in order; null for the first page.</summary>
    public List<string?> Asked { get; } = [];

    /// <summary>A polling source listing invoices from this provider by next token, 100 per page.</summary>
    public HttpPollingSource Source() => new(
        new HttpClient(this) { BaseAddress = new Uri("http://ledger.test/") },
        new HttpPollingEndpoint
        {
            System = "ledger", EntityType = "Invoice", Path = "invoices", ItemsPath = "items",
            Pagination = PollingPagination.NextToken, PageParameter = "cursor", PageSize = 100,
            ModifiedSince = ModifiedSinceFilter.None,
        });

    public static HttpResponseMessage Page(int firstId, int count, string? next)
    {
        var items = new JsonArray([.. Enumerable.Range(firstId, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = "inv-" + i.ToString("D5", CultureInfo.InvariantCulture),
            ["updated_at"] = "2026-11-01T09:00:00Z",
        })]);
        var body = new JsonObject { ["items"] = items, ["next"] = next };
        return Json(body.ToJsonString());
    }

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        var token = query.Where(p => p.StartsWith("cursor=", StringComparison.Ordinal))
            .Select(p => Uri.UnescapeDataString(p["cursor=".Length..])).FirstOrDefault();
        lock (_lock)
        {
            Asked.Add(token);
        }

        return Answer(token, cancellationToken);
    }
}
