namespace AccountingSync.Webhooks.Configuration;

/// <summary>The signature scheme and payload shape an endpoint expects.</summary>
public enum WebhookProvider
{
    /// <summary>Standard Webhooks (<c>webhook-*</c> headers).</summary>
    StandardWebhooks = 0,

    /// <summary>Svix (<c>svix-*</c> headers, the Standard Webhooks algorithm).</summary>
    Svix = 1,

    /// <summary>Stripe (<c>Stripe-Signature</c>; Stripe event payloads).</summary>
    Stripe = 2,

    /// <summary>Shopify (<c>X-Shopify-Hmac-Sha256</c>; resource payloads named by <c>X-Shopify-Topic</c>).</summary>
    Shopify = 3,

    /// <summary>QuickBooks Online (<c>intuit-signature</c>; thin event notifications).</summary>
    QuickBooks = 4,

    /// <summary>Xero (<c>x-xero-signature</c>; thin events and the intent-to-receive check).</summary>
    Xero = 5,

    /// <summary>Square (<c>x-square-hmacsha256-signature</c> over notification URL and body).</summary>
    Square = 6,

    /// <summary>GitHub (<c>X-Hub-Signature-256</c>).</summary>
    GitHub = 7,

    /// <summary>Any other provider, described by an <see cref="Verification.HmacSignatureScheme"/>.</summary>
    GenericHmac = 8,
}
