namespace AccountingSync.Webhooks.Inbox;

/// <summary>Settings of the inbox writer that commits concurrent deliveries together.</summary>
/// <remarks>
/// Deliveries that arrive while a commit is in flight wait for the next one and are committed in a single
/// <see cref="AccountingSync.Inbox.IInboxStore.EnqueueAsync"/> call, so a durable store pays one transaction per
/// batch rather than per request. No timer delays a lone request: a batch is flushed as soon as the writer is free.
/// </remarks>
public sealed class WebhookInboxOptions
{
    /// <summary>Gets or sets the most deliveries committed in one call.</summary>
    /// <value>Defaults to 512.</value>
    /// <remarks>Between 1 and 10,000.</remarks>
    public int MaxBatchSize { get; set; } = 512;
}
