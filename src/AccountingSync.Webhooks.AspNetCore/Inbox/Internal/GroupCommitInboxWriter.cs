using System.Threading.Channels;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Inbox.Internal;

/// <summary>
/// Writes deliveries to the inbox with group commit: requests queue their event and wait; one writer loop takes
/// everything queued (up to the batch size) and commits it in one <see cref="IInboxStore.EnqueueAsync"/> call,
/// then answers every waiter. While a commit runs, the next batch fills up by itself.
/// </summary>
/// <remarks>
/// A failed commit fails every request of its batch (each answers 5xx, so the provider retries); nothing is
/// acknowledged unless the store said it is stored.
/// </remarks>
internal sealed class GroupCommitInboxWriter : IAsyncDisposable
{
    private readonly IInboxStore _store;
    private readonly int _maxBatch;
    private readonly InboxSignal _signal;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly Task _loop;

    public GroupCommitInboxWriter(
        IInboxStore store, IOptions<WebhookInboxOptions> options, InboxSignal signal, ILogger<GroupCommitInboxWriter> logger)
    {
        _store = store;
        _maxBatch = options.Value.MaxBatchSize;
        _signal = signal;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a delivery and waits until its batch is committed.</summary>
    /// <returns>The event's sequence, or null when it was a duplicate.</returns>
    /// <remarks>
    /// Not cancellable: a caller that gave up would still have its event in the batch, which may be stored; the
    /// wait is one commit long, and the provider's retry of a stored event is then acknowledged as a duplicate.
    /// </remarks>
    public Task<long?> WriteAsync(InboxEvent inboxEvent)
    {
        var pending = new Pending(inboxEvent);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitInboxWriter));
        }

        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var events = new List<InboxEvent>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            events.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            try
            {
                // Not cancellable: once a batch is handed to the store, its outcome must reach every waiter.
                var sequences = await _store.EnqueueAsync(events.ToArray(), CancellationToken.None).ConfigureAwait(false);
                WebhookMetrics.InboxBatchSize.Record(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(sequences[i]);
                }

                _signal.Notify();
            }
            catch (Exception ex)
            {
                Log.InboxWriteFailed(_logger, ex, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(new WebhookInboxUnavailableException(ex));
                }
            }
        }
    }

    private sealed class Pending(InboxEvent inboxEvent)
    {
        public InboxEvent Event { get; } = inboxEvent;

        public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
