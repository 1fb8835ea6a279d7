namespace AccountingSync.Deduplication;

/// <summary>
/// Remembers the event ids already processed in a scope (a source or a webhook provider), for a retention period.
/// </summary>
/// <remarks>
/// The pipeline adds an id only once its record is committed, so a delivery that failed half-way is processed
/// again when it is redelivered. Implementations must be safe for concurrent use; adding an id that is present
/// is not an error.
/// </remarks>
public interface IDeduplicationStore
{
    /// <summary>Tells whether an event id was seen in a scope.</summary>
    /// <param name="scope">The scope, such as the source's name.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns><see langword="true"/> when the id was added before and not purged since.</returns>
    ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken);

    /// <summary>Adds event ids to a scope, all or none.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="eventIds">The ids. The store does not keep a reference to the list.</param>
    /// <param name="seenAt">When they were processed; retention counts from here.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the ids are durable.</returns>
    ValueTask AddAsync(string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt, CancellationToken cancellationToken);

    /// <summary>Forgets ids seen before a time, to bound the store's size.</summary>
    /// <param name="seenBefore">Ids added before this time are removed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many ids were removed.</returns>
    ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken);
}
