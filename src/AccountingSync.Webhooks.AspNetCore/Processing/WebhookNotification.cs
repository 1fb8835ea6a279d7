using System.Text.Json;

namespace AccountingSync.Webhooks.Processing;

/// <summary>
/// A thin notification (QuickBooks Online, Xero): which entity changed and how, without the entity itself.
/// It is the payload of the change unless an <see cref="IWebhookEntityFetcher"/> fetched the entity.
/// </summary>
/// <param name="Tenant">The company the entity belongs to: QuickBooks realm id or Xero tenant id.</param>
/// <param name="EntityType">The entity type as the provider names it (<c>Invoice</c>, <c>CREDITNOTE</c>).</param>
/// <param name="EntityId">The entity's id at the provider.</param>
/// <param name="EventType">What happened, as the provider names it (<c>Update</c>, <c>CREATE</c>, <c>qbo.invoice.updated.v1</c>).</param>
/// <param name="OccurredAt">When it happened, when the provider says.</param>
/// <param name="Raw">The notification's own JSON element.</param>
public sealed record WebhookNotification(
    string Tenant, string EntityType, string EntityId, string EventType, DateTimeOffset? OccurredAt, JsonElement Raw);
