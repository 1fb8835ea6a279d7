namespace AccountingSync.Http.Polling;

/// <summary>
/// The stored watermark is older than the provider lets a change feed look back (30 days for QuickBooks'
/// ChangeDataCapture), so changes may already be out of reach; a full resync is needed, or
/// <see cref="LookbackPolicy.Clamp"/> to accept the gap.
/// </summary>
public sealed class PollingLookbackExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The endpoint's entity type.</param>
    /// <param name="since">The time the poll would have started from.</param>
    /// <param name="oldestAllowed">The oldest time the provider allows.</param>
    public PollingLookbackExceededException(string endpoint, DateTimeOffset since, DateTimeOffset oldestAllowed)
        : base($"Polling {endpoint}: the watermark {since:O} is older than the provider's look-back limit "
            + $"({oldestAllowed:O}); resync the connection or set the lookback policy to Clamp.")
    {
        Endpoint = endpoint;
        Since = since;
        OldestAllowed = oldestAllowed;
    }

    /// <summary>Gets the endpoint's entity type.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the time the poll would have started from.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>Gets the oldest time the provider allows.</summary>
    public DateTimeOffset OldestAllowed { get; }
}
