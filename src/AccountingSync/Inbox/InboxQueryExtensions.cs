namespace AccountingSync.Inbox;

/// <summary>The matching rule of <see cref="InboxQuery"/>, shared by stores that filter in memory.</summary>
public static class InboxQueryExtensions
{
    /// <summary>Tells whether an event matches a query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="inboxEvent">The event.</param>
    /// <returns><see langword="true"/> when every criterion matches.</returns>
    public static bool Matches(this InboxQuery query, InboxEvent inboxEvent)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(inboxEvent);
        return (query.Provider is null || string.Equals(query.Provider, inboxEvent.Provider, StringComparison.Ordinal))
            && (query.EventIds is null || query.EventIds.Contains(inboxEvent.EventId))
            && (query.ReceivedFrom is null || inboxEvent.ReceivedAt >= query.ReceivedFrom)
            && (query.ReceivedTo is null || inboxEvent.ReceivedAt < query.ReceivedTo)
            && (query.Status is null || query.Status == inboxEvent.Status);
    }
}
