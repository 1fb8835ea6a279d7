namespace AccountingSync.Webhooks.Verification;

/// <summary>Why a delivery failed verification.</summary>
public enum WebhookVerificationFailure
{
    /// <summary>Verification succeeded.</summary>
    None = 0,

    /// <summary>A header the scheme requires is absent.</summary>
    MissingHeader = 1,

    /// <summary>A required header is present but cannot be parsed (empty, wrong prefix, no timestamp).</summary>
    MalformedHeader = 2,

    /// <summary>The signed timestamp is further from the receiver's clock than the tolerance allows.</summary>
    TimestampOutsideTolerance = 3,

    /// <summary>The header parsed, but no signature in it matches any active secret.</summary>
    NoMatchingSignature = 4,

    /// <summary>The delivery uses a signature variant this receiver does not support or has no key for.</summary>
    UnsupportedScheme = 5,
}
