namespace AccountingSync.Webhooks.Verification;

/// <summary>
/// Describes a signature carried in one header as an HMAC over the body, optionally with a timestamp or URL:
/// the shape Shopify, QuickBooks Online, Xero, Square, GitHub and many smaller providers use.
/// </summary>
/// <remarks>
/// <para>
/// Use the presets in <see cref="WebhookSchemes"/> for the providers this package knows; describe any other
/// provider here. For Standard Webhooks / Svix use <see cref="StandardWebhooksVerifier"/>, and for Stripe
/// <see cref="StripeSignatureVerifier"/>: their headers carry several signatures and a timestamp together.
/// </para>
/// <para>This type is immutable once built; <see cref="HmacSignatureVerifier"/> validates it.</para>
/// </remarks>
public sealed record HmacSignatureScheme
{
    /// <summary>Gets the scheme's name, for logs and metrics.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the header that carries the signature.</summary>
    public required string SignatureHeader { get; init; }

    /// <summary>Gets the hash function.</summary>
    /// <value>Defaults to <see cref="HmacAlgorithm.Sha256"/>.</value>
    public HmacAlgorithm Algorithm { get; init; } = HmacAlgorithm.Sha256;

    /// <summary>Gets how the signature is written.</summary>
    /// <value>Defaults to <see cref="SignatureEncoding.Hex"/>.</value>
    public SignatureEncoding Encoding { get; init; } = SignatureEncoding.Hex;

    /// <summary>Gets a fixed text that precedes the signature in its header, such as <c>sha256=</c>.</summary>
    /// <value>Defaults to none.</value>
    public string? Prefix { get; init; }

    /// <summary>
    /// Gets what is signed, as a template over the placeholders <c>{body}</c> (required),
    /// <c>{timestamp}</c> (the value of <see cref="TimestampHeader"/>) and <c>{url}</c> (<see cref="Url"/>);
    /// other characters are signed literally as UTF-8.
    /// </summary>
    /// <value>Defaults to <c>{body}</c>.</value>
    public string SignedContent { get; init; } = "{body}";

    /// <summary>Gets the header that carries the signed Unix timestamp in seconds, when the scheme has one.</summary>
    /// <value>Defaults to none: no replay window.</value>
    /// <remarks>Required when <see cref="SignedContent"/> contains <c>{timestamp}</c>.</remarks>
    public string? TimestampHeader { get; init; }

    /// <summary>Gets the URL signed in place of <c>{url}</c>, exactly as registered with the provider.</summary>
    /// <value>Defaults to none.</value>
    /// <remarks>Required when <see cref="SignedContent"/> contains <c>{url}</c>.</remarks>
    public string? Url { get; init; }

    /// <summary>Gets the largest accepted difference between the signed timestamp and the receiver's clock.</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>Between 1 second and 1 hour; applies only with <see cref="TimestampHeader"/>.</remarks>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);
}
