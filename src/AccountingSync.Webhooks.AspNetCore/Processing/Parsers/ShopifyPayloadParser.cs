using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing.Internal;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing.Parsers;

/// <summary>
/// Reads Shopify resource webhooks such as the order topics (<c>orders/create</c>, <c>orders/updated</c>,
/// <c>orders/paid</c>, <c>orders/cancelled</c>, <c>orders/delete</c>): the body is the resource, the topic header
/// names it.
/// </summary>
/// <remarks>
/// The identity is <c>system / resource (singular) / id</c>, the version the resource's <c>updated_at</c>.
/// <c>*/delete</c> topics are deletes and <c>orders/cancelled</c> a void. The event id is Shopify's
/// <c>X-Shopify-Webhook-Id</c> (the same on every retry), else <c>X-Shopify-Event-Id</c>. A body wrapped as
/// <c>{"order":{...}}</c>, as the REST API returns it, is unwrapped. This type is thread-safe.
/// </remarks>
/// <param name="system">The source system named in identities.</param>
public sealed class ShopifyPayloadParser(string system) : IWebhookPayloadParser
{
    /// <summary>The header naming the topic.</summary>
    public const string TopicHeader = "X-Shopify-Topic";

    private const string Provider = "Shopify";

    /// <inheritdoc />
    public IReadOnlyCollection<string> KeptHeaders { get; } =
        [TopicHeader, "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Webhook-Id", "X-Shopify-Triggered-At"];

    /// <inheritdoc />
    public WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue("X-Shopify-Webhook-Id", out var id) && id.Length > 0)
        {
            return new(id);
        }

        return new(headers.TryGetValue("X-Shopify-Event-Id", out id) && id.Length > 0 ? id : null);
    }

    /// <inheritdoc />
    public IReadOnlyList<SourceChange> Parse(InboxEvent inboxEvent)
    {
        ArgumentNullException.ThrowIfNull(inboxEvent);
        var topic = inboxEvent.Headers.FirstOrDefault(h => string.Equals(h.Key, TopicHeader, StringComparison.OrdinalIgnoreCase)).Value;
        var slash = topic?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (topic is null || slash <= 0)
        {
            throw new WebhookPayloadException($"The Shopify event has no '{TopicHeader}' of the form resource/action.");
        }

        var resource = topic[..slash];
        var singular = resource.EndsWith('s') ? resource[..^1] : resource;
        var root = PayloadJson.Root(inboxEvent.Body, Provider);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(singular, out var wrapped)
            && wrapped.ValueKind == JsonValueKind.Object)
        {
            root = wrapped;
        }

        var action = topic[(slash + 1)..];
        var updated = PayloadJson.Time(PayloadJson.Text(root, "updated_at"));
        return
        [
            new SourceChange
            {
                Entity = new SourceIdentity(system, singular, PayloadJson.Required(root, "id", Provider)),
                Version = updated is { } at ? SourceVersion.FromTimestamp(at) : SourceVersion.None,
                Operation = action switch
                {
                    "delete" => ChangeOperation.Delete,
                    "cancelled" when singular == "order" => ChangeOperation.Void,
                    _ => ChangeOperation.Upsert,
                },
                Payload = root,
                OccurredAt = updated,
            },
        ];
    }
}
