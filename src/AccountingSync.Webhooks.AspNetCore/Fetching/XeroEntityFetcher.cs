using System.Text.Json;
using AccountingSync.Webhooks.Processing;

namespace AccountingSync.Webhooks.Fetching;

/// <summary>
/// Fetches the entities Xero webhook events name, with the Accounting API's get-by-id operation:
/// <c>GET api.xro/2.0/{Resources}/{id}</c> with the event's tenant in the <c>xero-tenant-id</c> header and
/// <c>Accept: application/json</c> (without it Xero answers XML).
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract: the answer wraps the entity in an array named after the resource,
/// <c>{"Id": ..., "Status": "OK", "Invoices": [ {...} ]}</c>; an unknown id is 404. Deleted and voided documents
/// are still returned, with <c>Status</c> <c>DELETED</c> or <c>VOIDED</c>, for the mapper to read.
/// </para>
/// <para>
/// The resource comes from the event's <c>resourceUrl</c> (<c>.../api.xro/2.0/CreditNotes/{id}</c>) when it has
/// that shape, else from <see cref="Resources"/> by the event category. Only the path is taken from the event:
/// the request always goes to the client's own base address. Point the client at <c>https://api.xero.com/</c>
/// and give it the OAuth handler. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class XeroEntityFetcher : HttpEntityFetcher
{
    /// <summary>The header that names the organisation a request is for.</summary>
    public const string TenantHeader = "xero-tenant-id";

    private const string ApiPath = "/api.xro/2.0/";

    /// <summary>Creates the fetcher.</summary>
    /// <param name="clients">The factory the named client comes from.</param>
    /// <param name="clientName">The client registered for the Xero Accounting API.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> dates; the system clock when null.</param>
    /// <exception cref="ArgumentException">The client name is empty.</exception>
    public XeroEntityFetcher(IHttpClientFactory clients, string clientName, TimeProvider? timeProvider = null)
        : base(clients, clientName, timeProvider)
    {
    }

    /// <summary>
    /// Gets the Accounting API resource of each event category, for events without a usable <c>resourceUrl</c>.
    /// </summary>
    /// <value>Defaults to the categories Xero sends (<c>INVOICE</c>, <c>CONTACT</c>, <c>CREDITNOTE</c>) and a few more.</value>
    public IReadOnlyDictionary<string, string> Resources { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["INVOICE"] = "Invoices",
            ["CONTACT"] = "Contacts",
            ["CREDITNOTE"] = "CreditNotes",
            ["PAYMENT"] = "Payments",
            ["BANKTRANSACTION"] = "BankTransactions",
            ["MANUALJOURNAL"] = "ManualJournals",
            ["ITEM"] = "Items",
        };

    /// <inheritdoc />
    protected override string Provider => "Xero";

    /// <inheritdoc />
    protected override HttpRequestMessage CreateRequest(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var resource = Resource(notification);
        var path = $"api.xro/2.0/{Uri.EscapeDataString(resource)}/{Uri.EscapeDataString(notification.EntityId)}";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation(TenantHeader, notification.Tenant);
        return request;
    }

    /// <inheritdoc />
    protected override JsonElement? ReadEntity(JsonElement root, WebhookNotification notification, Uri? requestUri)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var resource = Resource(notification);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(resource, out var items)
            || items.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(notification, requestUri, $"the answer has no '{resource}' array.");
        }

        var count = items.GetArrayLength();
        if (count != 1 || items[0].ValueKind != JsonValueKind.Object)
        {
            throw Malformed(notification, requestUri, $"'{resource}' holds {count} entries, not the one object asked for.");
        }

        return items[0].Clone();
    }

    private string Resource(WebhookNotification notification)
    {
        if (notification.Raw.ValueKind == JsonValueKind.Object
            && notification.Raw.TryGetProperty("resourceUrl", out var url) && url.ValueKind == JsonValueKind.String
            && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address))
        {
            var path = address.AbsolutePath;
            var at = path.IndexOf(ApiPath, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var parts = path[(at + ApiPath.Length)..].Split('/');
                if (parts.Length == 2 && parts[0].Length > 0 && parts[0].All(char.IsAsciiLetter)
                    && string.Equals(parts[1], notification.EntityId, StringComparison.OrdinalIgnoreCase))
                {
                    return parts[0];
                }
            }
        }

        return Resources.TryGetValue(notification.EntityType, out var resource)
            ? resource
            : throw new WebhookEntityFetchException(
                $"Fetching Xero {notification.EntityType} {notification.EntityId}: no Accounting API resource is known "
                + $"for event category '{notification.EntityType}'; add it to {nameof(XeroEntityFetcher)}.{nameof(Resources)}.",
                null, null, isTransient: false);
    }
}
