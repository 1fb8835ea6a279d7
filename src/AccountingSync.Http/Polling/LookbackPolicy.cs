namespace AccountingSync.Http.Polling;

/// <summary>What a source does when its watermark is older than the provider lets it look back.</summary>
public enum LookbackPolicy
{
    /// <summary>
    /// Throw <see cref="PollingLookbackExceededException"/>: changes older than the limit may have been missed, so
    /// the connection needs a full resync rather than a silent gap.
    /// </summary>
    Refuse = 0,

    /// <summary>Query from the oldest time the provider allows, accepting that older changes are not re-read.</summary>
    Clamp = 1,
}
