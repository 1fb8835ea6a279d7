using System.Security.Cryptography;
using System.Text;
using AccountingSync.Webhooks.Verification.Internal;
using NSec.Cryptography;

namespace AccountingSync.Webhooks.Verification;

/// <summary>
/// Verifies the Standard Webhooks scheme (which Svix follows): <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature</c> headers, the signature list holding space-separated <c>v1,&lt;base64&gt;</c> entries
/// of HMAC-SHA256 over <c>id.timestamp.body</c>.
/// </summary>
/// <remarks>
/// <para>
/// Symmetric secrets are <c>whsec_</c> followed by base64 key bytes (the prefix and trailing padding may be
/// left out). Public keys of the asymmetric <c>v1a</c> variant are <c>whpk_</c> followed by the base64 of a raw
/// 32-byte Ed25519 key; <c>v1a</c> entries are checked with NSec's Ed25519. Entries of other versions are
/// ignored. A delivery is authentic when any entry matches any active secret or key.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed partial class StandardWebhooksVerifier : IWebhookVerifier
{
    /// <summary>The header prefix of the Standard Webhooks specification.</summary>
    public const string StandardPrefix = "webhook-";

    /// <summary>The header prefix Svix sends.</summary>
    public const string SvixPrefix = "svix-";

    private const int MacSize = HMACSHA256.HashSizeInBytes;
    private readonly byte[][] _keys;
    private readonly PublicKey[] _publicKeys;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;
    private readonly string _idHeader;
    private readonly string _timestampHeader;
    private readonly string _signatureHeader;

    /// <summary>Creates a verifier.</summary>
    /// <param name="secrets">The active secrets: <c>whsec_</c> (HMAC) and/or <c>whpk_</c> (Ed25519 public keys).</param>
    /// <param name="tolerance">The replay window; 5 minutes when null.</param>
    /// <param name="headerPrefix">The header prefix: <see cref="StandardPrefix"/> (default) or <see cref="SvixPrefix"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <exception cref="ArgumentException">A secret is empty or not valid base64, or the tolerance is outside 1 s to 1 h.</exception>
    public StandardWebhooksVerifier(
        IEnumerable<string> secrets, TimeSpan? tolerance = null, string headerPrefix = StandardPrefix, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerPrefix);
        var list = Secrets.Materialize(secrets, nameof(secrets));
        var keys = new List<byte[]>();
        var publicKeys = new List<PublicKey>();
        for (var i = 0; i < list.Count; i++)
        {
            var secret = list[i].Trim();
            if (secret.StartsWith("whpk_", StringComparison.Ordinal))
            {
                var raw = Secrets.FromLenientBase64(secret[5..]);
                if (raw is null || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key))
                {
                    throw new ArgumentException($"Secret #{i + 1} is not a whpk_ Ed25519 public key.", nameof(secrets));
                }

                publicKeys.Add(key!);
                continue;
            }

            var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret;
            keys.Add(Secrets.FromLenientBase64(encoded)
                ?? throw new ArgumentException($"Secret #{i + 1} is not whsec_ followed by base64.", nameof(secrets)));
        }

        _keys = [.. keys];
        _publicKeys = [.. publicKeys];
        _tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        if (_tolerance < TimeSpan.FromSeconds(1) || _tolerance > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("The tolerance must be between 1 second and 1 hour.", nameof(tolerance));
        }

        _time = timeProvider ?? TimeProvider.System;
        _idHeader = headerPrefix + "id";
        _timestampHeader = headerPrefix + "timestamp";
        _signatureHeader = headerPrefix + "signature";
        Scheme = string.Equals(headerPrefix, SvixPrefix, StringComparison.Ordinal) ? "svix-v1" : "standard-webhooks-v1";
    }

    /// <inheritdoc />
    public string Scheme { get; }

    /// <summary>Gets the header that carries the message id, which is also the delivery's event id.</summary>
    public string IdHeader => _idHeader;

    /// <inheritdoc />
    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Headers);
        if (!request.Headers.TryGetValue(_idHeader, out var id))
        {
            return Missing(_idHeader);
        }

        if (!request.Headers.TryGetValue(_timestampHeader, out var timestamp))
        {
            return Missing(_timestampHeader);
        }

        if (!request.Headers.TryGetValue(_signatureHeader, out var signatures))
        {
            return Missing(_signatureHeader);
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MalformedHeader, _idHeader, $"The '{_idHeader}' header is empty.");
        }

        if (!Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.MalformedHeader, _timestampHeader,
                $"The '{_timestampHeader}' header is not a Unix time in seconds.");
        }

        if (!Timestamps.WithinTolerance(seconds, _time, _tolerance))
        {
            return Timestamps.OutsideTolerance(_timestampHeader, _tolerance);
        }

        var body = request.Body.Span;
        var prefixLength = Encoding.UTF8.GetByteCount(id) + timestamp.Length + 2;
        var buffer = Mac.Rent(prefixLength + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(id, buffer);
            buffer[written++] = (byte)'.';
            written += Encoding.ASCII.GetBytes(timestamp, buffer.AsSpan(written));
            buffer[written++] = (byte)'.';
            body.CopyTo(buffer.AsSpan(written));
            var outcome = Match(signatures, buffer.AsSpan(0, written + body.Length));
            return outcome switch
            {
                MatchOutcome.Matched => WebhookVerificationResult.Success(DateTimeOffset.FromUnixTimeSeconds(seconds)),
                MatchOutcome.OnlyUnsupported => WebhookVerificationResult.Fail(
                    WebhookVerificationFailure.UnsupportedScheme,
                    _signatureHeader,
                    $"The '{_signatureHeader}' header holds only v1a (Ed25519) signatures and no whpk_ key is configured."),
                _ => WebhookVerificationResult.Fail(WebhookVerificationFailure.NoMatchingSignature, _signatureHeader,
                    $"No signature in the '{_signatureHeader}' header matches an active secret."),
            };
        }
        finally
        {
            Mac.Return(buffer);
        }
    }
}
