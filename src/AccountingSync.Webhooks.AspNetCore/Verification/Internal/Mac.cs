using System.Buffers;
using System.Security.Cryptography;

namespace AccountingSync.Webhooks.Verification.Internal;

/// <summary>HMAC computation, signature decoding and constant-time matching shared by every scheme.</summary>
internal static class Mac
{
    /// <summary>The largest MAC any supported algorithm produces (SHA-512).</summary>
    public const int MaxSize = 64;

    public static int Size(HmacAlgorithm algorithm) => algorithm switch
    {
        HmacAlgorithm.Sha256 => HMACSHA256.HashSizeInBytes,
        HmacAlgorithm.Sha512 => HMACSHA512.HashSizeInBytes,
        HmacAlgorithm.Sha1 => HMACSHA1.HashSizeInBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown HMAC algorithm."),
    };

    public static string Name(HmacAlgorithm algorithm) => algorithm switch
    {
        HmacAlgorithm.Sha512 => "HMAC-SHA512",
        HmacAlgorithm.Sha1 => "HMAC-SHA1",
        _ => "HMAC-SHA256",
    };

    public static int Compute(HmacAlgorithm algorithm, byte[] key, ReadOnlySpan<byte> data, Span<byte> destination) =>
        algorithm switch
        {
            HmacAlgorithm.Sha256 => HMACSHA256.HashData(key, data, destination),
            HmacAlgorithm.Sha512 => HMACSHA512.HashData(key, data, destination),
            HmacAlgorithm.Sha1 => HMACSHA1.HashData(key, data, destination),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown HMAC algorithm."),
        };

    /// <summary>Decodes a signature written in a header; false when it is not valid in that encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, SignatureEncoding encoding, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (encoding == SignatureEncoding.Hex)
        {
            if (text.Length % 2 != 0 || text.Length / 2 > destination.Length)
            {
                return false;
            }

            return Convert.FromHexString(text, destination, out _, out written) == OperationStatus.Done;
        }

        return Convert.TryFromBase64Chars(text, destination, out written);
    }

    /// <summary>
    /// Tells whether a signature equals the MAC of the data under any key. Every key is tried even after a match,
    /// and each comparison is constant-time, so timing reveals neither which key matched nor how much did.
    /// </summary>
    public static bool MatchesAny(HmacAlgorithm algorithm, byte[][] keys, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var size = Size(algorithm);
        if (signature.Length != size)
        {
            // Lengths are public (they follow from the algorithm), so an early exit leaks nothing.
            return false;
        }

        Span<byte> mac = stackalloc byte[MaxSize];
        var matched = false;
        foreach (var key in keys)
        {
            Compute(algorithm, key, data, mac);
            matched |= CryptographicOperations.FixedTimeEquals(mac[..size], signature);
        }

        CryptographicOperations.ZeroMemory(mac);
        return matched;
    }

    /// <summary>Rents a buffer for signed content that is more than the body alone.</summary>
    public static byte[] Rent(int length) => ArrayPool<byte>.Shared.Rent(length);

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);
}
