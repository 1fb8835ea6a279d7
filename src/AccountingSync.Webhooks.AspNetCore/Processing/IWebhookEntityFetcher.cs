using AccountingSync.Connectors;

namespace AccountingSync.Webhooks.Processing;

/// <summary>
/// Fetches the entity a thin notification names, through the provider's REST API, before the change enters the
/// pipeline. Register one per endpoint with <see cref="Configuration.WebhooksBuilder.UseEntityFetcher"/>.
/// </summary>
/// <remarks>
/// An exception counts as a failed processing attempt: the event is released and retried later. Implementations
/// are thread-safe.
/// </remarks>
public interface IWebhookEntityFetcher
{
    /// <summary>Fetches the current state of the changed entity.</summary>
    /// <param name="change">The change, whose payload is a <see cref="WebhookNotification"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The entity to map, or null when it no longer exists (the change is then passed on unchanged).</returns>
    ValueTask<object?> FetchAsync(SourceChange change, CancellationToken cancellationToken);
}
