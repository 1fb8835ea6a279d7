using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing.Internal;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Processing.Parsers;

/// <summary>
/// Reads Stripe event objects: <c>{"id":"evt_...","type":"invoice.paid","created",
/// "data":{"object":{"id","object",...}}}</c>, one change per event whose payload is <c>data.object</c>.
/// </summary>
/// <remarks>
/// <para>
/// The identity is <c>system / object type / object id</c> (with <c>:account</c> appended to the system for
/// Connect events). Types ending in <c>.deleted</c> are deletes and <c>.voided</c> voids.
/// </para>
/// <para>
/// No version is set: <c>created</c> has one-second resolution and Stripe does not promise delivery order, so
/// two events of one second would compare as the same version. Mappers that need ordering read the object's
/// own fields. This type is thread-safe.
/// </para>
/// </remarks>
/// <param name="system">The source system named in identities.</param>
public sealed class StripePayloadParser(string system) : IWebhookPayloadParser
{
    private const string Provider = "Stripe";

    /// <inheritdoc />
    public IReadOnlyCollection<string> KeptHeaders { get; } = [];

    /// <inheritdoc />
    public WebhookDeliveryInfo Describe(IWebhookHeaders headers, ReadOnlyMemory<byte> body) =>
        new(PayloadJson.TryRoot(body) is { } root ? PayloadJson.Text(root, "id") : null);

    /// <inheritdoc />
    public IReadOnlyList<SourceChange> Parse(InboxEvent inboxEvent)
    {
        ArgumentNullException.ThrowIfNull(inboxEvent);
        var root = PayloadJson.Root(inboxEvent.Body, Provider);
        var type = PayloadJson.Required(root, "type", Provider);
        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var obj))
        {
            throw new WebhookPayloadException("The Stripe payload has no 'data.object'.");
        }

        var account = PayloadJson.Text(root, "account");
        var created = long.TryParse(PayloadJson.Text(root, "created"), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        return
        [
            new SourceChange
            {
                Entity = new SourceIdentity(
                    account is null ? system : $"{system}:{account}",
                    PayloadJson.Required(obj, "object", Provider),
                    PayloadJson.Required(obj, "id", Provider)),
                Operation = type.EndsWith(".deleted", StringComparison.Ordinal) ? ChangeOperation.Delete
                    : type.EndsWith(".voided", StringComparison.Ordinal) ? ChangeOperation.Void
                    : ChangeOperation.Upsert,
                Payload = obj,
                OccurredAt = created,
            },
        ];
    }
}
