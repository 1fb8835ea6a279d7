using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing;

/// <summary>Reads one provider's payloads: the delivery's identity at the endpoint, its changes at processing.</summary>
/// <remarks>
/// <see cref="Describe"/> runs on the request path after verification, so it must be quick and must not throw on
/// a body it cannot read (the raw bytes are stored and the problem surfaces in <see cref="Parse"/>).
/// Implementations are thread-safe.
/// </remarks>
public interface IWebhookPayloadParser
{
    /// <summary>Gets the request headers kept with the event because <see cref="Parse"/> needs them.</summary>
    IReadOnlyCollection<string> KeptHeaders { get; }

    /// <summary>Finds a verified delivery's event id, and whether it carries anything to store.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>The identity; a null id means one is derived from the body's hash.</returns>
    WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body);

    /// <summary>Turns a stored event into source changes, in the order the provider listed them.</summary>
    /// <param name="inboxEvent">The event as the inbox keeps it.</param>
    /// <returns>The changes; <see cref="SourceChange.Cursor"/> and <see cref="SourceChange.EventId"/> are set by the caller.</returns>
    /// <exception cref="WebhookPayloadException">The payload is not what the provider documents.</exception>
    IReadOnlyList<SourceChange> Parse(InboxEvent inboxEvent);
}
