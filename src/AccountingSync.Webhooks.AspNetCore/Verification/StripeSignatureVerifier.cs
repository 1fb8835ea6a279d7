using System.Security.Cryptography;
using System.Text;
using AccountingSync.Webhooks.Verification.Internal;

namespace AccountingSync.Webhooks.Verification;

/// <summary>
/// Verifies Stripe's <c>Stripe-Signature</c> header: <c>t=</c> a Unix timestamp and one or more <c>v1=</c> hex
/// HMAC-SHA256 signatures of <c>t + "." + body</c>, keyed with the whole endpoint secret (<c>whsec_...</c>).
/// </summary>
/// <remarks>
/// <para>
/// Stripe sends several <c>v1</c> entries while an endpoint secret is being rolled; any one matching any
/// active secret is enough. Other schemes in the header (<c>v0</c>) are ignored. Timestamps further than the
/// tolerance from the clock, in either direction, are rejected.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class StripeSignatureVerifier : IWebhookVerifier
{
    /// <summary>The header Stripe signs deliveries in.</summary>
    public const string SignatureHeader = "Stripe-Signature";

    private const int MaxSignatures = 8;
    private readonly byte[][] _keys;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier.</summary>
    /// <param name="secrets">The endpoint's active signing secrets (<c>whsec_...</c>), used whole as key text.</param>
    /// <param name="tolerance">The replay window; 5 minutes (Stripe's default) when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <exception cref="ArgumentException">A secret is empty, or the tolerance is outside 1 s to 1 h.</exception>
    public StripeSignatureVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        _keys = Secrets.Utf8(secrets, nameof(secrets));
        _tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        if (_tolerance < TimeSpan.FromSeconds(1) || _tolerance > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("The tolerance must be between 1 second and 1 hour.", nameof(tolerance));
        }

        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Scheme => "stripe-v1";

    /// <inheritdoc />
    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Headers);
        if (!request.Headers.TryGetValue(SignatureHeader, out var value))
        {
            return WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MissingHeader, SignatureHeader, $"The '{SignatureHeader}' header is missing.");
        }

        Span<Range> signatures = stackalloc Range[MaxSignatures];
        if (!TryParse(value, out var timestamp, out var timestampText, signatures, out var count))
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.MalformedHeader, SignatureHeader,
                $"The '{SignatureHeader}' header must hold a t= Unix timestamp and at least one v1= signature.");
        }

        if (!Timestamps.WithinTolerance(timestamp, _time, _tolerance))
        {
            return Timestamps.OutsideTolerance(SignatureHeader, _tolerance);
        }

        var body = request.Body.Span;
        var digits = value.AsSpan(timestampText);
        var buffer = Mac.Rent(digits.Length + 1 + body.Length);
        try
        {
            var written = Encoding.ASCII.GetBytes(digits, buffer);
            buffer[written++] = (byte)'.';
            body.CopyTo(buffer.AsSpan(written));
            var signed = buffer.AsSpan(0, written + body.Length);
            return AnyMatches(value, signatures[..count], signed)
                ? WebhookVerificationResult.Success(DateTimeOffset.FromUnixTimeSeconds(timestamp))
                : WebhookVerificationResult.Fail(WebhookVerificationFailure.NoMatchingSignature, SignatureHeader,
                    $"No v1 signature in the '{SignatureHeader}' header matches an active endpoint secret.");
        }
        finally
        {
            Mac.Return(buffer);
        }
    }

    private static bool TryParse(string header, out long timestamp, out Range timestampText, Span<Range> signatures, out int count)
    {
        timestamp = 0;
        timestampText = default;
        count = 0;
        var hasTimestamp = false;
        foreach (var item in header.AsSpan().Split(','))
        {
            var part = header.AsSpan(item);
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals];
            if (key.SequenceEqual("t"))
            {
                if (hasTimestamp || !Timestamps.TryParseUnixSeconds(part[(equals + 1)..], out timestamp))
                {
                    return false;
                }

                hasTimestamp = true;
                timestampText = new Range(item.Start.Value + equals + 1, item.End);
            }
            else if (key.SequenceEqual("v1") && equals + 1 < part.Length && count < signatures.Length)
            {
                signatures[count++] = new Range(item.Start.Value + equals + 1, item.End);
            }
        }

        return hasTimestamp && count > 0;
    }

    private bool AnyMatches(string header, ReadOnlySpan<Range> signatures, ReadOnlySpan<byte> signed)
    {
        const int size = HMACSHA256.HashSizeInBytes;
        Span<byte> macs = _keys.Length <= 8 ? stackalloc byte[8 * size] : new byte[_keys.Length * size];
        for (var k = 0; k < _keys.Length; k++)
        {
            HMACSHA256.HashData(_keys[k], signed, macs.Slice(k * size, size));
        }

        Span<byte> candidate = stackalloc byte[size];
        var matched = false;
        foreach (var range in signatures)
        {
            if (!Mac.TryDecode(header.AsSpan(range), SignatureEncoding.Hex, candidate, out var written) || written != size)
            {
                continue;
            }

            for (var k = 0; k < _keys.Length; k++)
            {
                matched |= CryptographicOperations.FixedTimeEquals(macs.Slice(k * size, size), candidate);
            }
        }

        CryptographicOperations.ZeroMemory(macs);
        return matched;
    }
}
