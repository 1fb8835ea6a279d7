namespace AccountingSync.Webhooks.Verification;

/// <summary>What a signature is checked over: the request headers and the exact body bytes received.</summary>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The raw body, before any parsing or re-encoding.</param>
public readonly record struct WebhookRequest(IWebhookHeaders Headers, ReadOnlyMemory<byte> Body);
