namespace AccountingSync.Security;

/// <summary>
/// Encrypts single fields (tokens, account numbers, personal data) before a store writes them, and decrypts them when
/// it reads them back. The purpose binds a ciphertext to its field, so a value copied into another field will not
/// decrypt there.
/// </summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IFieldProtector
{
    /// <summary>Encrypts a value.</summary>
    /// <param name="plaintext">The value.</param>
    /// <param name="purpose">What the field is, such as <c>oauth.refresh_token</c>.</param>
    /// <returns>The protected text, safe to store.</returns>
    string Protect(string plaintext, string purpose);

    /// <summary>Decrypts a value protected for the same purpose.</summary>
    /// <param name="protectedText">The text <see cref="Protect"/> returned.</param>
    /// <param name="purpose">The purpose it was protected for.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FieldProtectionException">
    /// The text was altered, protected for another purpose, or with a key that is not in the ring.
    /// </exception>
    string Unprotect(string protectedText, string purpose);
}
