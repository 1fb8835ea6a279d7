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
/// <para>
/// A store that returns once its commit is written but before it is on disk (SQLite's grouped sync) lets the
/// loop commit the next batch while the previous one waits for its sync: up to
/// <see cref="WebhookInboxOptions.MaxBatchesInFlight"/> batches are handed over at once, and each batch's waiters
/// are answered only when the store says that batch is stored.
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

    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;

    // How long the last answered batch took from hand-over to answer, in TimeSpan ticks; the gather reads it.
    private long _lastCommitTicks;

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
        _maxInFlight = options.Value.MaxBatchesInFlight;
        _inFlight = new SemaphoreSlim(_maxInFlight, _maxInFlight);
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

    /// <summary>Hands a batch to the store; its waiters are answered when the store answers.</summary>
    /// <remarks>The caller holds a place in flight for the batch; answering it frees the place.</remarks>
    private void Commit(List<Pending> batch)
    {
        var pendings = batch.ToArray();
        var events = new InboxEvent[pendings.Length];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = pendings[i].Event;
        }

        var started = _time.GetTimestamp();
        try
        {
            // Not cancellable: once a batch is handed to the store, its outcome must reach every waiter.
            var stored = _store.EnqueueAsync(events, CancellationToken.None);
            if (!stored.IsCompleted)
            {
                _ = AnswerWhenStoredAsync(pendings, stored, started);
                return;
            }

            Answer(pendings, stored.Result, started);
        }
        catch (Exception ex)
        {
            Fail(pendings, ex, started);
        }
    }

    private async Task AnswerWhenStoredAsync(Pending[] pendings, ValueTask<IReadOnlyList<long?>> stored, long started)
    {
        try
        {
            Answer(pendings, await stored.ConfigureAwait(false), started);
        }
        catch (Exception ex)
        {
            Fail(pendings, ex, started);
        }
    }

    /// <summary>Answers a stored batch's waiters with their sequences and frees its place in flight.</summary>
    private void Answer(Pending[] pendings, IReadOnlyList<long?> sequences, long started)
    {
        Finished(started);
        WebhookMetrics.InboxBatchSize.Record(pendings.Length);
        Settlement.Post(pendings, sequences, failure: null);
        _signal.Notify();
    }

    /// <summary>Fails every waiter of a batch the store did not store, and frees its place in flight.</summary>
    private void Fail(Pending[] pendings, Exception exception, long started)
    {
        Finished(started);
        Log.InboxWriteFailed(_logger, exception, pendings.Length);
        Settlement.Post(pendings, sequences: null, exception);
    }

    private void Finished(long started)
    {
        Volatile.Write(ref _lastCommitTicks, _time.GetElapsedTime(started).Ticks);
        _inFlight.Release();
    }

    /// <summary>Waits until no batch is in flight, so every waiter has its answer.</summary>
    private void WaitForBatchesInFlight()
    {
        for (var i = 0; i < _maxInFlight; i++)
        {
            _inFlight.Wait();
        }

        _inFlight.Release(_maxInFlight);
    }

    // Blocking is what this thread is for; a result that is already there (the usual case under load, and every
    // SQLite call) costs no allocation.
    private static T Wait<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private sealed class Pending(InboxEvent inboxEvent)
    {
        public InboxEvent Event { get; } = inboxEvent;

        // Continuations run where the answer is set, which is always a Settlement on the thread pool.
        public TaskCompletionSource<long?> Done { get; } = new();
    }

    /// <summary>Answers a few waiters of a batch on a thread-pool thread.</summary>
    /// <remarks>
    /// Each answer resumes its request inline (writing the 2xx or 5xx), so a batch of a few dozen costs a handful
    /// of pool hand-offs rather than one per request (about 5 % more requests per second on two cores, measured
    /// under load); the writer's own thread never runs a request's code.
    /// </remarks>
    /// <param name="pendings">The whole batch.</param>
    /// <param name="sequences">What the store answered for the batch, or null when it failed.</param>
    /// <param name="failure">Why the store did not store the batch, or null when it did.</param>
    /// <param name="start">The first waiter this work item answers.</param>
    private sealed class Settlement(Pending[] pendings, IReadOnlyList<long?>? sequences, Exception? failure, int start)
        : IThreadPoolWorkItem
    {
        private const int AnswersPerWorkItem = 8;

        public static void Post(Pending[] pendings, IReadOnlyList<long?>? sequences, Exception? failure)
        {
            for (var start = 0; start < pendings.Length; start += AnswersPerWorkItem)
            {
                ThreadPool.UnsafeQueueUserWorkItem(new Settlement(pendings, sequences, failure, start), preferLocal: false);
            }
        }

        public void Execute()
        {
            var end = Math.Min(start + AnswersPerWorkItem, pendings.Length);
            for (var i = start; i < end; i++)
            {
                if (failure is null)
                {
                    pendings[i].Done.TrySetResult(sequences![i]);
                }
                else
                {
                    pendings[i].Done.TrySetException(new WebhookInboxUnavailableException(failure));
                }
            }
        }
    }
}
