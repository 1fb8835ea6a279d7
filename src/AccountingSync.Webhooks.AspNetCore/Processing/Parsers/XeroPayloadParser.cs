using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing.Internal;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing.Parsers;

/// <summary>
/// Reads Xero webhook payloads: <c>{"events":[{"tenantId","eventCategory","resourceId","eventType","eventDateUtc"}],
/// "firstEventSequence","lastEventSequence","entropy"}</c>.
/// </summary>
/// <remarks>
/// A payload with no events is Xero's intent-to-receive check: acknowledged, not stored. Events are thin; each
/// change's payload is a <see cref="WebhookNotification"/>. Xero sends no event id, so one is derived from every
/// event's tenant, category, resource, type and date (the entropy field is left out: it is random per
/// delivery). This type is thread-safe.
/// </remarks>
/// <param name="system">The source system named in identities.</param>
public sealed class XeroPayloadParser(string system) : IWebhookPayloadParser
{
    private const string Provider = "Xero";

    /// <inheritdoc />
    public IReadOnlyCollection<string> KeptHeaders { get; } = [];

    /// <inheritdoc />
    public WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body)
    {
        if (PayloadJson.TryRoot(body) is not { } root)
        {
            return new(null);
        }

        try
        {
            var events = Events(root);
            return events.Count == 0
                ? WebhookDeliveryInfo.NothingToStore
                : new(PayloadJson.DerivedId(events.SelectMany(e => new[]
                {
                    e.Tenant, e.EntityType, e.EntityId, e.EventType, PayloadJson.Text(e.Raw, "eventDateUtc"),
                })));
        }
        catch (WebhookPayloadException)
        {
            return new(null);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SourceChange> Parse(InboxEvent inboxEvent)
    {
        ArgumentNullException.ThrowIfNull(inboxEvent);
        return [.. Events(PayloadJson.Root(inboxEvent.Body, Provider)).Select(e => new SourceChange
        {
            Entity = new SourceIdentity($"{system}:{e.Tenant}", e.EntityType, e.EntityId),
            Version = e.OccurredAt is { } at ? SourceVersion.FromTimestamp(at) : SourceVersion.None,
            Operation = string.Equals(e.EventType, "DELETE", StringComparison.OrdinalIgnoreCase)
                ? ChangeOperation.Delete
                : ChangeOperation.Upsert,
            Payload = e,
            OccurredAt = e.OccurredAt,
        })];
    }

    private static List<WebhookNotification> Events(JsonElement root) =>
        [.. PayloadJson.Array(root, "events", Provider).EnumerateArray().Select(e => new WebhookNotification(
            PayloadJson.Required(e, "tenantId", Provider),
            PayloadJson.Required(e, "eventCategory", Provider),
            PayloadJson.Required(e, "resourceId", Provider),
            PayloadJson.Required(e, "eventType", Provider),
            PayloadJson.Time(PayloadJson.Text(e, "eventDateUtc")),
            e))];
}
