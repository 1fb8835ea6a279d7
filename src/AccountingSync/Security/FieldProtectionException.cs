namespace AccountingSync.Security;

/// <summary>
/// Thrown when a protected field cannot be decrypted. The message names the key id and the purpose, never the value.
/// </summary>
public sealed class FieldProtectionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, without the value.</param>
    /// <param name="innerException">The cryptographic error, when there was one.</param>
    public FieldProtectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
