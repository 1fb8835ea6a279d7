namespace AccountingSync.Webhooks.Inbox;

/// <summary>Settings of the inbox writer that commits concurrent deliveries together.</summary>
/// <remarks>
/// Deliveries that arrive while a commit is in flight wait for the next one and are committed in a single
/// <see cref="AccountingSync.Inbox.IInboxStore.EnqueueAsync"/> call, so a durable store pays one transaction per
/// batch rather than per request. A lone request is never delayed: after an idle spell a batch is committed as
/// soon as the writer is free.
/// </remarks>
public sealed class WebhookInboxOptions
{
    /// <summary>Gets or sets the most deliveries committed in one call.</summary>
    /// <value>Defaults to 512.</value>
    /// <remarks>Between 1 and 10,000.</remarks>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Gets or sets the longest a commit waits for deliveries that are evidently on their way, while commits run
    /// back to back under load; <see cref="TimeSpan.Zero"/> commits whatever is queued at once.
    /// </summary>
    /// <value>Defaults to 2 milliseconds.</value>
    /// <remarks>
    /// Between 0 and 100 milliseconds. The wait is also never longer than half the previous commit took, and
    /// there is none after an idle spell, so a lone delivery is not delayed and a fast store never waits. With
    /// a store that syncs to disk on every commit, waiting for the senders just answered to come back fills each
    /// batch instead of alternating a small batch with a large one, each paying a whole sync.
    /// </remarks>
    public TimeSpan MaxGatherDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Gets or sets how many batches may be handed to the store and not yet answered at once.</summary>
    /// <value>Defaults to 2.</value>
    /// <remarks>
    /// Between 1 and 8. It matters only for a store whose write returns before the commit is durable and
    /// finishes it later, such as SQLite with <c>SqliteSynchronousMode.Grouped</c> or PostgreSQL: while one
    /// batch waits for its sync to disk, the next is committed and joins the following sync. A store that
    /// answers at once (SQLite with a sync per commit, the in-memory one) has one batch in flight whatever this
    /// says. Every request is still answered only once its own batch is stored.
    /// </remarks>
    public int MaxBatchesInFlight { get; set; } = 2;
}
