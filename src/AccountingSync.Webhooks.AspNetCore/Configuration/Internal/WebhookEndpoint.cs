using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Configuration.Internal;

/// <summary>One configured endpoint, ready to serve: its settings, verifier and parser.</summary>
internal sealed class WebhookEndpoint(string name, WebhookEndpointOptions options, IWebhookVerifier verifier, IWebhookPayloadParser parser)
{
    public string Name { get; } = name;

    public WebhookEndpointOptions Options { get; } = options;

    public IWebhookVerifier Verifier { get; } = verifier;

    public IWebhookPayloadParser Parser { get; } = parser;

    /// <summary>Gets a value indicating whether failures answer 401 with an empty body (Xero's intent-to-receive rule).</summary>
    public bool EmptyUnauthorized => Options.Provider == WebhookProvider.Xero;
}
