using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Processing.Parsers;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Configuration.Internal;

/// <summary>Builds the verifier and the payload parser an endpoint's provider calls for.</summary>
internal static class WebhookEndpointFactory
{
    public static IWebhookVerifier CreateVerifier(WebhookEndpointOptions options, TimeProvider time) => options.Provider switch
    {
        WebhookProvider.StandardWebhooks => new StandardWebhooksVerifier(options.Secrets, options.Tolerance, timeProvider: time),
        WebhookProvider.Svix => new StandardWebhooksVerifier(
            options.Secrets, options.Tolerance, StandardWebhooksVerifier.SvixPrefix, time),
        WebhookProvider.Stripe => new StripeSignatureVerifier(options.Secrets, options.Tolerance, time),
        WebhookProvider.Shopify => new HmacSignatureVerifier(WebhookSchemes.Shopify, options.Secrets, time),
        WebhookProvider.QuickBooks => new HmacSignatureVerifier(WebhookSchemes.QuickBooks, options.Secrets, time),
        WebhookProvider.Xero => new HmacSignatureVerifier(WebhookSchemes.Xero, options.Secrets, time),
        WebhookProvider.Square => new HmacSignatureVerifier(
            WebhookSchemes.Square(options.NotificationUrl ?? string.Empty), options.Secrets, time),
        WebhookProvider.GitHub => new HmacSignatureVerifier(WebhookSchemes.GitHub, options.Secrets, time),
        WebhookProvider.GenericHmac => new HmacSignatureVerifier(
            (options.GenericScheme ?? throw new ArgumentException("GenericScheme is required.")) with { Tolerance = options.Tolerance },
            options.Secrets,
            time),
        _ => throw new ArgumentException($"Unknown provider {options.Provider}."),
    };

    public static IWebhookPayloadParser CreateParser(string name, WebhookEndpointOptions options)
    {
        var system = options.SourceSystem ?? name;
        return options.Provider switch
        {
            WebhookProvider.Stripe => new StripePayloadParser(system),
            WebhookProvider.Shopify => new ShopifyPayloadParser(system),
            WebhookProvider.QuickBooks => new QuickBooksPayloadParser(system),
            WebhookProvider.Xero => new XeroPayloadParser(system),
            WebhookProvider.StandardWebhooks => new JsonEventPayloadParser(system, StandardWebhooksVerifier.StandardPrefix + "id", null),
            WebhookProvider.Svix => new JsonEventPayloadParser(system, StandardWebhooksVerifier.SvixPrefix + "id", null),
            WebhookProvider.GitHub => new JsonEventPayloadParser(system, "X-GitHub-Delivery", null, "X-GitHub-Event"),
            WebhookProvider.Square => new JsonEventPayloadParser(system, null, "event_id"),
            _ => new JsonEventPayloadParser(system, options.EventIdHeader, null),
        };
    }
}
