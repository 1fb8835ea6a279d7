namespace AccountingSync.Conformance.Testing;

/// <summary>A fault a <see cref="RecordingTarget"/> injects into one write.</summary>
public enum TargetFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>Refused before applying, as a 503 would be.</summary>
    Transient,

    /// <summary>Refused with a 429 and a Retry-After.</summary>
    Throttled,

    /// <summary>The call throws, as a reset connection does.</summary>
    Throw,

    /// <summary>Applied, but the caller is told it failed: the response was lost.</summary>
    AppliedButLost,

    /// <summary>Refused for good, as a validation 400 is.</summary>
    Permanent,

    /// <summary>Refused because the target holds a newer revision (a stale SyncToken).</summary>
    Conflict,

    /// <summary>Never answers until the caller gives up.</summary>
    Hang,

    /// <summary>Answers, slowly.</summary>
    Slow,
}
