namespace AccountingSync.Inbox;

/// <summary>Which inbox events to list or replay; every criterion given must match.</summary>
public sealed record InboxQuery
{
    /// <summary>Gets the provider to match.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the event ids to match.</summary>
    public IReadOnlyCollection<string>? EventIds { get; init; }

    /// <summary>Gets the earliest receive time to match (inclusive).</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Gets the latest receive time to match (exclusive).</summary>
    public DateTimeOffset? ReceivedTo { get; init; }

    /// <summary>Gets the status to match.</summary>
    public InboxStatus? Status { get; init; }

    /// <summary>Gets the most events to return.</summary>
    /// <value>Defaults to 1,000.</value>
    public int Limit { get; init; } = 1000;
}
