using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountingSync.Security;

/// <summary>
/// Protects fields with AES-256-GCM under a key ring: new values are encrypted with the current key, and values
/// written under any key still in the ring decrypt, which is how keys are rotated without rewriting stored data.
/// </summary>
/// <remarks>
/// <para>
/// The protected form is <c>v1.{keyId}.{base64url(nonce ‖ tag ‖ ciphertext)}</c>. The purpose and key id are
/// authenticated as associated data, so neither can be swapped. A fresh 96-bit random nonce is drawn per value.
/// </para>
/// <para>
/// To rotate: add a new key, make it current, keep the old one until every stored value was rewritten (a token is
/// rewritten at its next refresh), then remove it. Keys come from a secret store the host trusts, never from code.
/// </para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class AesGcmFieldProtector : IFieldProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    /// <summary>Creates a protector.</summary>
    /// <param name="keys">The key ring: id → 32-byte key. Ids are letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="currentKeyId">The id of the key new values are encrypted with.</param>
    /// <exception cref="ArgumentException">A key is not 32 bytes, an id is malformed, or the current id is not in the ring.</exception>
    public AesGcmFieldProtector(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentKeyId);
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ArgumentException($"Key id '{id}' may hold only letters, digits, '-' and '_'.", nameof(keys));
            }

            if (key is not { Length: 32 })
            {
                throw new ArgumentException($"Key '{id}' must be 32 bytes for AES-256.", nameof(keys));
            }
        }

        if (!keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current key '{currentKeyId}' is not in the key ring.", nameof(currentKeyId));
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        _currentKeyId = currentKeyId;
    }

    /// <summary>Gets the id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => _currentKeyId;

    /// <inheritdoc />
    public string Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + clear.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[_currentKeyId], TagSize))
        {
            aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
                AssociatedData(_currentKeyId, purpose));
        }

        CryptographicOperations.ZeroMemory(clear);
        return $"{Version}.{_currentKeyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    /// <inheritdoc />
    public string Unprotect(string protectedText, string purpose)
    {
        ArgumentNullException.ThrowIfNull(protectedText);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var parts = protectedText.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new FieldProtectionException($"A '{purpose}' value is not in the protected format ({Version}.keyId.data).");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new FieldProtectionException(
                $"A '{purpose}' value was protected with key '{parts[1]}', which is not in the key ring; restore that key to read it.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException ex)
        {
            throw new FieldProtectionException($"A '{purpose}' value is not valid base64url.", ex);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new FieldProtectionException($"A '{purpose}' value is too short to be protected data.");
        }

        var clear = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize),
                sealedBytes.AsSpan(NonceSize, TagSize), clear, AssociatedData(parts[1], purpose));
            return Encoding.UTF8.GetString(clear);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new FieldProtectionException(
                $"A '{purpose}' value under key '{parts[1]}' failed authentication: it was altered, or protected for another purpose.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>Creates a new random 32-byte key, for a key ring.</summary>
    /// <returns>The key.</returns>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    private static byte[] AssociatedData(string keyId, string purpose) => Encoding.UTF8.GetBytes($"{Version}\n{keyId}\n{purpose}");
}
