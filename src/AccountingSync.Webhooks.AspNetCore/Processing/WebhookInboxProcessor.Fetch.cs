using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Diagnostics;
using AccountingSync.Webhooks.Fetching;

namespace AccountingSync.Webhooks.Processing;

/// <summary>Fetching the entities of thin notifications, for <see cref="WebhookInboxProcessor"/>.</summary>
public sealed partial class WebhookInboxProcessor
{
    /// <summary>
    /// Replaces a notification with the entity it names; null when the fetch failed and the event was released
    /// (or, after <see cref="WebhookProcessingOptions.MaxFetchAttempts"/>, dead-lettered) instead.
    /// </summary>
    private async Task<SourceChange?> FetchAsync(
        WebhookEndpoint endpoint, string target, IWebhookEntityFetcher fetcher, InboxEvent inboxEvent, SourceChange change,
        CancellationToken cancellationToken)
    {
        object? entity;
        try
        {
            entity = await fetcher.FetchAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WebhookMetrics.Fetch(endpoint.Name, "failed");

            // A fetch exception's message is built to be safe to keep (address, status, field); others may quote
            // anything, so only their type is kept.
            var reason = ex is WebhookEntityFetchException
                ? ex.Message
                : $"Fetching {change.Entity} failed: {ex.GetType().Name}";
            if (inboxEvent.Attempts < _options.MaxFetchAttempts)
            {
                var retryAfter = (ex as WebhookEntityFetchException)?.RetryAfter;
                await ReleaseAsync(inboxEvent, reason, FetchRetryDelay(inboxEvent.Attempts, retryAfter)).ConfigureAwait(false);
                return null;
            }

            // Completed with a dead letter rather than retried for ever; WebhookReplayer runs it again by event id
            // once the cause is fixed.
            var error = ex is WebhookEntityFetchException { IsTransient: true } ? ErrorClass.Transient : ErrorClass.Permanent;
            await DeadLetterAsync(
                endpoint, target, inboxEvent, $"{reason} (gave up after {inboxEvent.Attempts} attempts)", error,
                cancellationToken).ConfigureAwait(false);
            return null;
        }

        // An entity that is gone leaves the notification as the payload, for the mapper to skip.
        WebhookMetrics.Fetch(endpoint.Name, entity is null ? "gone" : "fetched");
        return entity is null ? change : change with { Payload = entity };
    }

    /// <summary>
    /// How long a failed fetch waits before its event is claimed again: the back-off doubles from
    /// <see cref="WebhookProcessingOptions.FetchRetryDelay"/> with each attempt up to
    /// <see cref="WebhookProcessingOptions.MaxFetchRetryDelay"/>, and a provider's <c>Retry-After</c> is never cut
    /// short (up to a day, so a nonsensical one cannot park an event for years). Without it, a provider outage would
    /// burn the attempts as fast as new deliveries wake the processor.
    /// </summary>
    private TimeSpan FetchRetryDelay(int attempts, TimeSpan? retryAfter)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(
            _options.FetchRetryDelay.Ticks * (double)(1L << doublings), _options.MaxFetchRetryDelay.Ticks));
        var asked = retryAfter is { } value && value > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : retryAfter;
        return asked is { } wait && wait > backoff ? wait : backoff;
    }
}
