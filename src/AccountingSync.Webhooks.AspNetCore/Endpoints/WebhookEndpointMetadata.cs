namespace AccountingSync.Webhooks.Endpoints;

/// <summary>Endpoint metadata naming the webhook endpoint a route serves, for middleware and diagnostics.</summary>
/// <param name="Name">The endpoint's configured name.</param>
public sealed record WebhookEndpointMetadata(string Name);
