using System.Security.Cryptography;
using AccountingSync.Webhooks.Verification.Internal;
using NSec.Cryptography;

namespace AccountingSync.Webhooks.Verification;

/// <summary>Matching the signature list of <see cref="StandardWebhooksVerifier"/> against the active keys.</summary>
public sealed partial class StandardWebhooksVerifier
{
    private MatchOutcome Match(string header, ReadOnlySpan<byte> signed)
    {
        Span<byte> macs = _keys.Length <= 8 ? stackalloc byte[8 * MacSize] : new byte[_keys.Length * MacSize];
        for (var k = 0; k < _keys.Length; k++)
        {
            HMACSHA256.HashData(_keys[k], signed, macs.Slice(k * MacSize, MacSize));
        }

        Span<byte> candidate = stackalloc byte[96];
        var matched = false;
        var sawAsymmetric = false;
        var sawSymmetric = false;
        foreach (var range in header.AsSpan().Split(' '))
        {
            var entry = header.AsSpan(range);
            var comma = entry.IndexOf(',');
            if (comma <= 0 || !Mac.TryDecode(entry[(comma + 1)..], SignatureEncoding.Base64, candidate, out var written))
            {
                continue;
            }

            var version = entry[..comma];
            if (version.SequenceEqual("v1"))
            {
                sawSymmetric = true;
                for (var k = 0; k < _keys.Length; k++)
                {
                    matched |= written == MacSize
                        && CryptographicOperations.FixedTimeEquals(macs.Slice(k * MacSize, MacSize), candidate[..written]);
                }
            }
            else if (version.SequenceEqual("v1a"))
            {
                sawAsymmetric = true;
                foreach (var key in _publicKeys)
                {
                    matched |= SignatureAlgorithm.Ed25519.Verify(key, signed, candidate[..written]);
                }
            }
        }

        CryptographicOperations.ZeroMemory(macs);
        if (matched)
        {
            return MatchOutcome.Matched;
        }

        return sawAsymmetric && !sawSymmetric && _publicKeys.Length == 0 ? MatchOutcome.OnlyUnsupported : MatchOutcome.None;
    }

    private static WebhookVerificationResult Missing(string header) =>
        WebhookVerificationResult.Fail(WebhookVerificationFailure.MissingHeader, header, $"The '{header}' header is missing.");

    private enum MatchOutcome
    {
        None,
        Matched,
        OnlyUnsupported,
    }
}
