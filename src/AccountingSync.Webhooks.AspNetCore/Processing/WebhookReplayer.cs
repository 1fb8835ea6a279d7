using AccountingSync.Inbox;
using AccountingSync.Webhooks.Diagnostics;
using AccountingSync.Webhooks.Inbox.Internal;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Webhooks.Processing;

/// <summary>Re-delivers stored webhook events into the pipeline, for disaster recovery or after a mapper fix.</summary>
/// <remarks>
/// <para>
/// Matching processed events are set back to pending and the processor runs them again from their raw bytes, so
/// a replay re-parses exactly what the provider sent. Idempotency makes this safe: a change whose write the target
/// already applied is recognised, and one the deduplication store remembers is counted as a duplicate. Changes that
/// were dead-lettered (never remembered) are written this time.
/// </para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class WebhookReplayer
{
    private readonly IInboxStore _inbox;
    private readonly InboxSignal _signal;
    private readonly ILogger _logger;

    internal WebhookReplayer(IInboxStore inbox, InboxSignal signal, ILogger<WebhookReplayer> logger)
    {
        _inbox = inbox;
        _signal = signal;
        _logger = logger;
    }

    /// <summary>Replays the processed events a query matches: by event ids, a receive-time range, a provider, or all of these.</summary>
    /// <param name="query">Which events; its <see cref="InboxQuery.Limit"/> caps how many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many events were requeued.</returns>
    public async Task<int> ReplayAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = await _inbox.RequeueAsync(query, cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            _signal.Notify();
        }

        Log.Replayed(_logger, count);
        return count;
    }
}
