using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing.Internal;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing.Parsers;

/// <summary>
/// Reads QuickBooks Online event notifications in both shapes Intuit sends: the classic
/// <c>{"eventNotifications":[{"realmId", "dataChangeEvent":{"entities":[...]}}]}</c> object and the CloudEvents
/// array (<c>type</c> <c>qbo.&lt;entity&gt;.&lt;verb&gt;.v1</c>, <c>intuitaccountid</c>, <c>intuitentityid</c>).
/// </summary>
/// <remarks>
/// Notifications are thin: each change's payload is a <see cref="WebhookNotification"/>, to be fetched through the
/// REST API by an <see cref="IWebhookEntityFetcher"/>. Identities are <c>system:realm / entity / id</c>, versions
/// the entity's last-updated time. Classic notifications carry no event id, so one is derived from every
/// entity's realm, name, id, operation and last-updated time. This type is thread-safe.
/// </remarks>
/// <param name="system">The source system named in identities.</param>
public sealed class QuickBooksPayloadParser(string system) : IWebhookPayloadParser
{
    private const string Provider = "QuickBooks";

    /// <inheritdoc />
    public IReadOnlyCollection<string> KeptHeaders { get; } = ["intuit-t-id"];

    /// <inheritdoc />
    public WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body)
    {
        if (PayloadJson.TryRoot(body) is not { } root)
        {
            return new(null);
        }

        try
        {
            var notifications = Notifications(root);
            if (notifications.Count == 0)
            {
                return WebhookDeliveryInfo.NothingToStore;
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                var ids = root.EnumerateArray().Select(e => PayloadJson.Text(e, "id")).ToList();
                return new(ids.Count == 1 && ids[0] is { Length: > 0 } id ? id : PayloadJson.DerivedId(ids));
            }

            return new(PayloadJson.DerivedId(notifications.SelectMany(n => new[]
            {
                n.Tenant, n.EntityType, n.EntityId, n.EventType,
                n.OccurredAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        var root = PayloadJson.Root(inboxEvent.Body, Provider);
        return [.. Notifications(root).Select(n => new SourceChange
        {
            Entity = new SourceIdentity($"{system}:{n.Tenant}", n.EntityType, n.EntityId),
            Version = n.OccurredAt is { } at ? SourceVersion.FromTimestamp(at) : SourceVersion.None,
            Operation = OperationOf(n.EventType),
            Payload = n,
            OccurredAt = n.OccurredAt,
        })];
    }

    private static List<WebhookNotification> Notifications(JsonElement root)
    {
        var list = new List<WebhookNotification>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var cloudEvent in root.EnumerateArray())
            {
                var type = PayloadJson.Required(cloudEvent, "type", Provider);
                var parts = type.Split('.');
                if (parts.Length < 3)
                {
                    throw new WebhookPayloadException("A QuickBooks CloudEvent 'type' is not qbo.<entity>.<verb>.v<n>.");
                }

                list.Add(new WebhookNotification(
                    PayloadJson.Required(cloudEvent, "intuitaccountid", Provider),
                    Capitalize(parts[1]),
                    PayloadJson.Required(cloudEvent, "intuitentityid", Provider),
                    type,
                    PayloadJson.Time(PayloadJson.Text(cloudEvent, "time")),
                    cloudEvent));
            }

            return list;
        }

        foreach (var notification in PayloadJson.Array(root, "eventNotifications", Provider).EnumerateArray())
        {
            var realm = PayloadJson.Required(notification, "realmId", Provider);
            if (!notification.TryGetProperty("dataChangeEvent", out var change))
            {
                throw new WebhookPayloadException("A QuickBooks notification has no 'dataChangeEvent'.");
            }

            foreach (var entity in PayloadJson.Array(change, "entities", Provider).EnumerateArray())
            {
                list.Add(new WebhookNotification(
                    realm,
                    PayloadJson.Required(entity, "name", Provider),
                    PayloadJson.Required(entity, "id", Provider),
                    PayloadJson.Required(entity, "operation", Provider),
                    PayloadJson.Time(PayloadJson.Text(entity, "lastUpdated")),
                    entity));
            }
        }

        return list;
    }

    private static ChangeOperation OperationOf(string eventType)
    {
        var verb = eventType.Contains('.', StringComparison.Ordinal) ? eventType.Split('.')[2] : eventType;
        return verb.ToUpperInvariant() switch
        {
            "DELETE" or "DELETED" => ChangeOperation.Delete,
            "VOID" or "VOIDED" => ChangeOperation.Void,
            _ => ChangeOperation.Upsert,
        };
    }

    private static string Capitalize(string name) =>
        name.Length == 0 ? name : string.Concat(char.ToUpperInvariant(name[0]).ToString(), name.AsSpan(1));
}
