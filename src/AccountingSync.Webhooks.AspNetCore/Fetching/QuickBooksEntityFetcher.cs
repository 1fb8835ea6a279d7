using System.Text.Json;
using AccountingSync.Webhooks.Processing;

namespace AccountingSync.Webhooks.Fetching;

/// <summary>
/// Fetches the entities QuickBooks Online notifications name, with the Accounting API's read operation:
/// <c>GET v3/company/{realmId}/{entity}/{id}</c>, the entity name in lower case, <c>Accept: application/json</c>.
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract: a found entity comes back as <c>{"Invoice": {...}, "time": "..."}</c>, keyed by the
/// entity's name; an error comes back as <c>{"Fault": {"Error": [{"code": ...}], "type": ...}}</c>. Error code
/// 610 (Object Not Found) means another user deleted the entity, and is read as gone, like 404. Other faults
/// are reported with their type and codes (never their free-text detail, which can quote the company's data).
/// </para>
/// <para>
/// Point the client at <c>https://quickbooks.api.intuit.com/</c> (or the sandbox) and give it the company's
/// OAuth handler. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class QuickBooksEntityFetcher : HttpEntityFetcher
{
    /// <summary>The fault code QuickBooks answers for an entity that was deleted.</summary>
    public const string ObjectNotFoundCode = "610";

    /// <summary>Creates the fetcher.</summary>
    /// <param name="clients">The factory the named client comes from.</param>
    /// <param name="clientName">The client registered for the QuickBooks Online API.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> dates; the system clock when null.</param>
    /// <exception cref="ArgumentException">The client name is empty.</exception>
    public QuickBooksEntityFetcher(IHttpClientFactory clients, string clientName, TimeProvider? timeProvider = null)
        : base(clients, clientName, timeProvider)
    {
    }

    /// <summary>Gets the API minor version sent as <c>minorversion</c>, pinning the shape of the answers.</summary>
    /// <value>Defaults to none: QuickBooks answers with its base minor version.</value>
    public string? MinorVersion { get; init; }

    /// <inheritdoc />
    protected override string Provider => "QuickBooks";

    /// <inheritdoc />
    protected override HttpRequestMessage CreateRequest(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var entity = Uri.EscapeDataString(notification.EntityType.ToLowerInvariant());
        var path = $"v3/company/{Uri.EscapeDataString(notification.Tenant)}/{entity}/"
            + Uri.EscapeDataString(notification.EntityId);
        if (MinorVersion is { Length: > 0 } minor)
        {
            path += "?minorversion=" + Uri.EscapeDataString(minor);
        }

        return new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
    }

    /// <inheritdoc />
    protected override JsonElement? ReadEntity(JsonElement root, WebhookNotification notification, Uri? requestUri)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(notification, requestUri, $"the answer is a JSON {root.ValueKind}, not an object.");
        }

        if (root.TryGetProperty("Fault", out _))
        {
            throw Malformed(notification, requestUri, $"the answer is a fault{Describe(root)}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            // The key is the entity's own spelling (JournalEntry), the notification's may differ in case.
            if (!string.Equals(property.Name, notification.EntityType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(
                    notification, requestUri, $"'{property.Name}' is a JSON {property.Value.ValueKind}, not an object.");
            }

            if (property.Value.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String
                && !string.Equals(id.GetString(), notification.EntityId, StringComparison.Ordinal))
            {
                throw Malformed(notification, requestUri, $"'{property.Name}.Id' is not the id that was asked for.");
            }

            return property.Value.Clone();
        }

        throw Malformed(notification, requestUri, $"the answer has no '{notification.EntityType}' object.");
    }

    /// <inheritdoc />
    protected override bool IsGone(int status, JsonElement? root) =>
        FaultCodes(root).Contains(ObjectNotFoundCode, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override string Describe(JsonElement? root)
    {
        if (root is not { ValueKind: JsonValueKind.Object } r || !r.TryGetProperty("Fault", out var fault)
            || fault.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var type = fault.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return $" (fault {type ?? "of no type"}, codes {string.Join(", ", FaultCodes(root))})";
    }

    private static List<string> FaultCodes(JsonElement? root)
    {
        var codes = new List<string>();
        if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("Fault", out var fault)
            && fault.ValueKind == JsonValueKind.Object && fault.TryGetProperty("Error", out var errors)
            && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code)
                    && code.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    codes.Add(code.ValueKind == JsonValueKind.String ? code.GetString()! : code.GetRawText());
                }
            }
        }

        return codes;
    }
}
