namespace AccountingSync.Webhooks.Verification;

/// <summary>How a signature's bytes are written in its header.</summary>
public enum SignatureEncoding
{
    /// <summary>Hexadecimal digits, in either case.</summary>
    Hex = 0,

    /// <summary>Standard base64 with padding.</summary>
    Base64 = 1,
}
