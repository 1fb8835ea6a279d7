namespace AccountingSync.Webhooks.Verification;

/// <summary>The documented single-header HMAC schemes of the providers this package knows.</summary>
/// <remarks>
/// Each preset follows the provider's published contract: which header, which bytes are signed, how the
/// signature is encoded. Secrets are used as their UTF-8 text, as each of these providers specifies.
/// </remarks>
public static class WebhookSchemes
{
    /// <summary>
    /// Gets Shopify's scheme: base64 HMAC-SHA256 of the body with the app's secret, in <c>X-Shopify-Hmac-Sha256</c>.
    /// </summary>
    public static HmacSignatureScheme Shopify { get; } = new()
    {
        Name = "shopify-hmac-sha256",
        SignatureHeader = "X-Shopify-Hmac-Sha256",
        Encoding = SignatureEncoding.Base64,
    };

    /// <summary>
    /// Gets QuickBooks Online's scheme: base64 HMAC-SHA256 of the body with the verifier token, in
    /// <c>intuit-signature</c>.
    /// </summary>
    public static HmacSignatureScheme QuickBooks { get; } = new()
    {
        Name = "intuit-hmac-sha256",
        SignatureHeader = "intuit-signature",
        Encoding = SignatureEncoding.Base64,
    };

    /// <summary>Gets Xero's scheme: base64 HMAC-SHA256 of the body with the webhook key, in <c>x-xero-signature</c>.</summary>
    public static HmacSignatureScheme Xero { get; } = new()
    {
        Name = "xero-hmac-sha256",
        SignatureHeader = "x-xero-signature",
        Encoding = SignatureEncoding.Base64,
    };

    /// <summary>Gets GitHub's scheme: <c>sha256=</c> and hex HMAC-SHA256 of the body, in <c>X-Hub-Signature-256</c>.</summary>
    /// <remarks>The legacy SHA-1 <c>X-Hub-Signature</c> header is deliberately not accepted.</remarks>
    public static HmacSignatureScheme GitHub { get; } = new()
    {
        Name = "github-sha256",
        SignatureHeader = "X-Hub-Signature-256",
        Encoding = SignatureEncoding.Hex,
        Prefix = "sha256=",
    };

    /// <summary>
    /// Gets Square's scheme: base64 HMAC-SHA256 of the notification URL followed by the body, in
    /// <c>x-square-hmacsha256-signature</c>.
    /// </summary>
    /// <param name="notificationUrl">
    /// The notification URL exactly as registered in the Square subscription; behind a proxy or TLS terminator it
    /// differs from the URL the request arrives on, which is why it is configured rather than reconstructed.
    /// </param>
    /// <returns>The scheme.</returns>
    public static HmacSignatureScheme Square(string notificationUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notificationUrl);
        return new()
        {
            Name = "square-hmac-sha256",
            SignatureHeader = "x-square-hmacsha256-signature",
            Encoding = SignatureEncoding.Base64,
            SignedContent = "{url}{body}",
            Url = notificationUrl,
        };
    }
}
