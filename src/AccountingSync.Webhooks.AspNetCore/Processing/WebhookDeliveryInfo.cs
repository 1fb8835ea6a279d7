namespace AccountingSync.Webhooks.Processing;

/// <summary>What <see cref="IWebhookPayloadParser.Describe"/> found out about a verified delivery.</summary>
/// <param name="EventId">
/// The provider's event id, or one derived from the payload's identity; null to derive it from the body's hash.
/// </param>
/// <param name="ShouldStore">False for deliveries with nothing to process, such as Xero's intent-to-receive check.</param>
public readonly record struct WebhookDeliveryInfo(string? EventId, bool ShouldStore = true)
{
    /// <summary>Gets the identity of a delivery that is acknowledged but not stored.</summary>
    public static WebhookDeliveryInfo NothingToStore => new(null, false);
}
