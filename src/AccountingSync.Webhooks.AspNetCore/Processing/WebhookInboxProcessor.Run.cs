using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Diagnostics;
using AccountingSync.Webhooks.Processing.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Processing;

/// <summary>The per-event preparation and the pipeline run of <see cref="WebhookInboxProcessor"/>.</summary>
public sealed partial class WebhookInboxProcessor
{
    /// <summary>Parses and fetches one event; null when it was dead-lettered or released instead.</summary>
    private async Task<List<SourceChange>?> PrepareAsync(
        WebhookEndpoint endpoint, string target, IWebhookEntityFetcher? fetcher, InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        IReadOnlyList<SourceChange> parsed;
        try
        {
            parsed = endpoint.Parser.Parse(inboxEvent);
        }
        catch (WebhookPayloadException ex)
        {
            await DeadLetterAsync(endpoint, target, inboxEvent, ex.Message, ErrorClass.Mapping, cancellationToken)
                .ConfigureAwait(false);
            return null;
        }

        var changes = new List<SourceChange>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var change = InboxChanges.Stamp(parsed[i], inboxEvent.EventId, i, parsed.Count, inboxEvent.Sequence);
            if (fetcher is not null && change.Payload is WebhookNotification)
            {
                var fetched = await FetchAsync(endpoint, target, fetcher, inboxEvent, change, cancellationToken)
                    .ConfigureAwait(false);
                if (fetched is null)
                {
                    return null;
                }

                change = fetched;
            }

            changes.Add(change);
        }

        return changes;
    }

    private async Task RunAsync(
        WebhookEndpoint endpoint, string target, List<SourceChange> changes, List<long> included, List<InboxEvent> events,
        CancellationToken cancellationToken)
    {
        if (included.Count == 0)
        {
            return;
        }

        SyncRunResult result;
        try
        {
            var pipeline = _services.GetRequiredService<ISyncPipelineProvider>().GetPipeline(target);
            var mapper = _services.GetRequiredKeyedService<IRecordMapper>(endpoint.Name);
            var source = new ChangeListSource("webhooks." + endpoint.Name, changes, InboxChanges.Capabilities);
            result = await pipeline.RunAsync(source, mapper, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ReleaseAllAsync(events, included, $"The pipeline run failed: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return;
        }

        if (result.Stopped)
        {
            await ReleaseAllAsync(events, included, "The pipeline run was stopped before it committed every change.").ConfigureAwait(false);
            return;
        }

        await _inbox.CompleteAsync(_options.InstanceId, included, CancellationToken.None).ConfigureAwait(false);
        WebhookMetrics.Processed.Add(included.Count, new KeyValuePair<string, object?>(WebhookMetrics.EndpointTag, endpoint.Name));
        Log.Processed(_logger, included.Count, endpoint.Name, target);
    }

    private async Task DeadLetterAsync(
        WebhookEndpoint endpoint, string target, InboxEvent inboxEvent, string reason, ErrorClass error,
        CancellationToken cancellationToken)
    {
        var stores = _services.GetRequiredService<SyncStores>();
        var entity = new SourceIdentity(endpoint.Options.SourceSystem ?? endpoint.Name, "webhook-event", inboxEvent.EventId);
        var now = _time.GetUtcNow();
        await stores.DeadLetters.AddAsync(
            new DeadLetter
            {
                Key = IdempotencyKey.Derive(target, entity, SourceVersion.None, ChangeOperation.Upsert),
                Stream = "webhooks." + endpoint.Name,
                Target = target,
                Entity = entity,
                EventId = inboxEvent.EventId,
                Reason = $"Inbox event {inboxEvent.Sequence}: {reason}",
                ErrorClass = error,
                Attempts = inboxEvent.Attempts,
                FirstFailedAt = now,
                LastFailedAt = now,
            },
            cancellationToken).ConfigureAwait(false);
        await _inbox.CompleteAsync(_options.InstanceId, [inboxEvent.Sequence], CancellationToken.None).ConfigureAwait(false);
        Log.DeadLettered(_logger, inboxEvent.Sequence, endpoint.Name, reason);
    }

    private async Task ReleaseAllAsync(List<InboxEvent> events, List<long> included, string reason)
    {
        var set = included.ToHashSet();
        foreach (var inboxEvent in events.Where(e => set.Contains(e.Sequence)))
        {
            await ReleaseAsync(inboxEvent, reason).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(InboxEvent inboxEvent, string reason, TimeSpan delay = default)
    {
        // Released even when stopping: a lease left to expire would delay these events by its whole length.
        var notBefore = _time.GetUtcNow() + delay;
        var release = _inbox.ReleaseAsync(_options.InstanceId, inboxEvent.Sequence, reason, notBefore, CancellationToken.None);
        await release.ConfigureAwait(false);
        Log.Released(_logger, inboxEvent.Sequence, inboxEvent.Provider, reason);
    }
}
