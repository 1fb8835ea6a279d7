using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Webhooks.Tests.Fetching;

/// <summary>
/// Default responders of the fake provider APIs, following each provider's documented read contract: the
/// address shape, the JSON envelope, what a deleted or unknown entity gets, and the headers a request needs.
/// </summary>
internal static class ProviderApis
{
    public const string Token = "Bearer test-access-token";

    /// <summary>
    /// QuickBooks Online: <c>GET /v3/company/{realm}/{entity}/{id}</c> answers <c>{"Entity": {...}, "time"}</c>;
    /// a deleted entity is 400 with fault code 610; an unknown one 404; JSON only with <c>Accept</c> set.
    /// </summary>
    public static Func<HttpRequest, FakeAnswer> QuickBooks(
        string realm, IReadOnlyDictionary<string, (string Name, string Json)> entities, IReadOnlySet<string>? deleted = null) =>
        request =>
        {
            if (request.Headers.Authorization.ToString() != Token)
            {
                return new FakeAnswer(401);
            }

            if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
            {
                return new FakeAnswer(406);
            }

            var parts = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 5 || parts[0] != "v3" || parts[1] != "company" || parts[2] != realm)
            {
                return new FakeAnswer(404);
            }

            var key = $"{parts[3]}/{parts[4]}";
            if (deleted?.Contains(key) == true)
            {
                return new FakeAnswer(400, """
                    {"Fault":{"Error":[{"Message":"Object Not Found",
                    "Detail":"Object Not Found : Another user has deleted this transaction.","code":"610","element":""}],
                    "type":"ValidationFault"},"time":"2026-12-03T10:00:00.000-08:00"}
                    """);
            }

            return entities.TryGetValue(key, out var entity)
                ? new FakeAnswer(200, $$"""{"{{entity.Name}}":{{entity.Json}},"time":"2026-12-03T10:00:00.000-08:00"}""")
                : new FakeAnswer(404);
        };

    /// <summary>
    /// Xero: <c>GET /api.xro/2.0/{Resources}/{id}</c> with <c>xero-tenant-id</c> answers
    /// <c>{"Id", "Status": "OK", "Resources": [ {...} ]}</c>; an unknown id is 404; XML unless JSON is accepted.
    /// </summary>
    public static Func<HttpRequest, FakeAnswer> Xero(string tenant, string resource, string idField, JsonArray records) =>
        request =>
        {
            if (request.Headers.Authorization.ToString() != Token)
            {
                return new FakeAnswer(401);
            }

            if (request.Headers["xero-tenant-id"].ToString() != tenant)
            {
                return new FakeAnswer(403);
            }

            if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
            {
                return new FakeAnswer(406);
            }

            var prefix = $"/api.xro/2.0/{resource}/";
            var path = request.Path.Value ?? string.Empty;
            var id = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
            var record = records.FirstOrDefault(r => r?[idField]?.GetValue<string>() == id);
            if (record is null)
            {
                return new FakeAnswer(404);
            }

            var answer = new JsonObject
            {
                ["Id"] = Guid.NewGuid().ToString(),
                ["Status"] = "OK",
                ["ProviderName"] = "AccountingSync tests",
                ["DateTimeUTC"] = "/Date(1764720000000)/",
                [resource] = new JsonArray(record.DeepClone()),
            };
            return new FakeAnswer(200, answer.ToJsonString());
        };

    public static JsonArray Records(string fixture, string resource) =>
        JsonNode.Parse(File.ReadAllText(fixture))![resource]!.AsArray();

    public static string Text(object? payload, string property) =>
        Assert.IsType<JsonElement>(payload).GetProperty(property).GetString()!;
}
