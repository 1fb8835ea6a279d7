using AccountingSync.Webhooks.Verification.Internal;

namespace AccountingSync.Webhooks.Verification;

/// <summary>Verifies a single-header HMAC signature described by an <see cref="HmacSignatureScheme"/>.</summary>
/// <remarks>
/// <para>
/// Every active secret is tried (rotation) and every comparison is constant-time. When the scheme has a
/// timestamp, deliveries outside the tolerance are rejected before any MAC is computed.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class HmacSignatureVerifier : IWebhookVerifier
{
    private readonly HmacSignatureScheme _scheme;
    private readonly byte[][] _keys;
    private readonly SignedTemplate _template;
    private readonly TimeProvider _time;
    private readonly int _macSize;

    /// <summary>Creates a verifier.</summary>
    /// <param name="scheme">The scheme, such as <see cref="WebhookSchemes.Shopify"/>.</param>
    /// <param name="secrets">The active secrets, as the provider shows them; their UTF-8 bytes are the keys.</param>
    /// <param name="timeProvider">The clock for the replay window; the system clock when null.</param>
    /// <exception cref="ArgumentException">The scheme is inconsistent, or a secret is empty.</exception>
    public HmacSignatureVerifier(HmacSignatureScheme scheme, IEnumerable<string> secrets, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme.SignatureHeader, nameof(scheme));
        _template = SignedTemplate.Parse(scheme.SignedContent, scheme.Url);
        if (_template.UsesTimestamp != scheme.TimestampHeader is not null)
        {
            throw new ArgumentException(
                "SignedContent must contain {timestamp} exactly when TimestampHeader is set.", nameof(scheme));
        }

        if (scheme.Tolerance < TimeSpan.FromSeconds(1) || scheme.Tolerance > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("Tolerance must be between 1 second and 1 hour.", nameof(scheme));
        }

        _scheme = scheme;
        _keys = Secrets.Utf8(secrets, nameof(secrets));
        _time = timeProvider ?? TimeProvider.System;
        _macSize = Mac.Size(scheme.Algorithm);
    }

    /// <inheritdoc />
    public string Scheme => _scheme.Name;

    /// <inheritdoc />
    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Headers);
        var header = _scheme.SignatureHeader;
        if (!request.Headers.TryGetValue(header, out var value))
        {
            return WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MissingHeader, header, $"The '{header}' header is missing.");
        }

        var text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MalformedHeader, header, $"The '{header}' header is empty.");
        }

        if (_scheme.Prefix is { } prefix)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return WebhookVerificationResult.Fail(
                    WebhookVerificationFailure.MalformedHeader, header, $"The '{header}' header does not start with '{prefix}'.");
            }

            text = text[prefix.Length..];
        }

        string? timestamp = null;
        DateTimeOffset? signedAt = null;
        if (_scheme.TimestampHeader is { } timestampHeader)
        {
            if (!request.Headers.TryGetValue(timestampHeader, out timestamp))
            {
                return WebhookVerificationResult.Fail(
                    WebhookVerificationFailure.MissingHeader, timestampHeader, $"The '{timestampHeader}' header is missing.");
            }

            if (!Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return WebhookVerificationResult.Fail(WebhookVerificationFailure.MalformedHeader, timestampHeader,
                    $"The '{timestampHeader}' header is not a Unix time in seconds.");
            }

            if (!Timestamps.WithinTolerance(seconds, _time, _scheme.Tolerance))
            {
                return Timestamps.OutsideTolerance(timestampHeader, _scheme.Tolerance);
            }

            signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        Span<byte> signature = stackalloc byte[Mac.MaxSize * 2];
        if (!Mac.TryDecode(text, _scheme.Encoding, signature, out var written) || written != _macSize)
        {
            return NoMatch(header);
        }

        return Matches(timestamp, request.Body.Span, signature[..written])
            ? WebhookVerificationResult.Success(signedAt)
            : NoMatch(header);
    }

    private bool Matches(string? timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature)
    {
        if (_template.IsBodyOnly)
        {
            return Mac.MatchesAny(_scheme.Algorithm, _keys, body, signature);
        }

        var length = _template.Length(timestamp, body.Length);
        var buffer = Mac.Rent(length);
        try
        {
            var written = _template.Write(timestamp, body, buffer);
            return Mac.MatchesAny(_scheme.Algorithm, _keys, buffer.AsSpan(0, written), signature);
        }
        finally
        {
            Mac.Return(buffer);
        }
    }

    private WebhookVerificationResult NoMatch(string header) => WebhookVerificationResult.Fail(
        WebhookVerificationFailure.NoMatchingSignature,
        header,
        $"The '{header}' header holds no {_scheme.Encoding} {Mac.Name(_scheme.Algorithm)} signature that matches an active secret.");
}
