namespace AccountingSync.Webhooks.Verification;

/// <summary>The hash function of an HMAC signature.</summary>
public enum HmacAlgorithm
{
    /// <summary>HMAC-SHA256, which nearly every provider uses.</summary>
    Sha256 = 0,

    /// <summary>HMAC-SHA512.</summary>
    Sha512 = 1,

    /// <summary>HMAC-SHA1; only for legacy providers that offer nothing stronger.</summary>
    Sha1 = 2,
}
