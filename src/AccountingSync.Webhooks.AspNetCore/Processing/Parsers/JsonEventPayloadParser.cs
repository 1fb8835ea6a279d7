using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing.Internal;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing.Parsers;

/// <summary>
/// Reads any JSON webhook as one change whose entity is the event itself (<c>system / event type / event id</c>)
/// and whose payload is the JSON root; for Standard Webhooks, Svix, GitHub, Square and generic endpoints, whose
/// payloads a mapper interprets.
/// </summary>
/// <remarks>
/// The event id comes from a header, else from a top-level JSON property, else the caller derives it from the
/// body's hash. The event type comes from the type header, else a <c>type</c> or <c>event_type</c> property,
/// else <c>event</c>. This type is thread-safe.
/// </remarks>
/// <param name="system">The source system named in identities.</param>
/// <param name="idHeader">The header carrying the event id, if any.</param>
/// <param name="idProperty">The top-level property carrying the event id, if any.</param>
/// <param name="typeHeader">The header naming the event type, if any.</param>
public sealed class JsonEventPayloadParser(string system, string? idHeader, string? idProperty, string? typeHeader = null)
    : IWebhookPayloadParser
{
    private const string Provider = "webhook";

    /// <inheritdoc />
    public IReadOnlyCollection<string> KeptHeaders { get; } = [.. new[] { idHeader, typeHeader }.OfType<string>()];

    /// <inheritdoc />
    public WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (idHeader is not null && headers.TryGetValue(idHeader, out var id) && id.Length > 0)
        {
            return new(id);
        }

        return new(idProperty is not null && PayloadJson.TryRoot(body) is { } root ? PayloadJson.Text(root, idProperty) : null);
    }

    /// <inheritdoc />
    public IReadOnlyList<SourceChange> Parse(InboxEvent inboxEvent)
    {
        ArgumentNullException.ThrowIfNull(inboxEvent);
        var root = PayloadJson.Root(inboxEvent.Body, Provider);
        var type = (typeHeader is null ? null : Header(inboxEvent, typeHeader))
            ?? PayloadJson.Text(root, "type") ?? PayloadJson.Text(root, "event_type") ?? "event";
        return
        [
            new SourceChange
            {
                Entity = new SourceIdentity(system, type, inboxEvent.EventId),
                Payload = root,
                OccurredAt = inboxEvent.ReceivedAt,
            },
        ];
    }

    private static string? Header(InboxEvent inboxEvent, string name) =>
        inboxEvent.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
