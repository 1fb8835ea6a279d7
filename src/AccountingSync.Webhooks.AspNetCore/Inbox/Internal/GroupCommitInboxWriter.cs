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
/// <para>
/// A failed commit fails every request of its batch (each answers 5xx, so the provider retries); nothing is
/// acknowledged unless the store said it is stored.
/// </para>
/// <para>
/// The loop runs on a thread of its own rather than on the thread pool: a durable store's commit blocks in
/// <c>fsync</c> for milliseconds (SQLite's calls are synchronous), and on a small machine a pool thread held
/// that long is a large share of the threads serving requests. An asynchronous store is waited for on the
/// same thread, which has nothing else to do meanwhile. How the loop gathers a batch is in
/// <c>GroupCommitInboxWriter.Gather.cs</c>.
/// </para>
/// </remarks>
internal sealed partial class GroupCommitInboxWriter : IAsyncDisposable
{
    private readonly IInboxStore _store;
    private readonly int _maxBatch;
    private readonly InboxSignal _signal;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxGatherDelay;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GroupCommitInboxWriter(
        IInboxStore store,
        IOptions<WebhookInboxOptions> options,
        InboxSignal signal,
        ILogger<GroupCommitInboxWriter> logger,
        TimeProvider? timeProvider = null)
    {
        _store = store;
        _maxBatch = options.Value.MaxBatchSize;
        _maxGatherDelay = options.Value.MaxGatherDelay;
        _signal = signal;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        new Thread(Run) { IsBackground = true, Name = "AccountingSync inbox writer" }.Start();
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

        NotifyArrival();
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _arrived.Set();
        await _stopped.Task.ConfigureAwait(false);
        _arrived.Dispose();
    }

    private void Commit(List<Pending> batch)
    {
        var events = new InboxEvent[batch.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = batch[i].Event;
        }

        try
        {
            // Not cancellable: once a batch is handed to the store, its outcome must reach every waiter.
            var sequences = Wait(_store.EnqueueAsync(events, CancellationToken.None));
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

    // Blocking is what this thread is for; a result that is already there (the usual case under load, and every
    // SQLite call) costs no allocation.
    private static T Wait<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private sealed class Pending(InboxEvent inboxEvent)
    {
        public InboxEvent Event { get; } = inboxEvent;

        public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
