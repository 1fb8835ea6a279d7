using AccountingSync.Inbox;
using AccountingSync.Webhooks.Inbox;
using AccountingSync.Webhooks.Inbox.Internal;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Tests.Inbox;

public sealed class GroupCommitInboxWriterTests
{
    [Fact]
    public async Task WriteAsync_RequestsArrivingDuringACommit_AreCommittedTogether()
    {
        var store = new GatedInboxStore();
        await using var writer = Create(store, maxBatch: 512);

        var first = writer.WriteAsync(Event("e0"));
        await store.FirstCallStarted.WaitAsync(TestContext.Current.CancellationToken);
        var waiting = Enumerable.Range(1, 50)
            .Select(i => writer.WriteAsync(Event($"e{i}")))
            .ToList();
        store.Gate.SetResult();
        var sequences = await Task.WhenAll(waiting.Prepend(first));

        // The first batch waits on the store, a second is handed over beside it, and the rest gather behind
        // those two: 51 requests in at most three commits, each stored once.
        Assert.Equal(1, store.BatchSizes[0]);
        Assert.InRange(store.BatchSizes.Count, 2, 3);
        Assert.Equal(51, store.BatchSizes.Sum());
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long?)i), sequences.Order());
    }

    [Fact]
    public async Task WriteAsync_StoreStillSyncing_NextBatchIsHandedOverButNeverAThird()
    {
        var store = new GatedInboxStore();
        await using var writer = Create(store, maxBatch: 512);

        var first = writer.WriteAsync(Event("e0"));
        await store.FirstCallStarted.WaitAsync(TestContext.Current.CancellationToken);
        var second = writer.WriteAsync(Event("e1"));
        await store.Calls(2).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var rest = Enumerable.Range(2, 10).Select(i => writer.WriteAsync(Event($"e{i}"))).ToList();

        // Two batches are with the store and neither has answered: nobody is acknowledged, nothing more is sent.
        Assert.Equal(2, store.BatchSizes.Count);
        Assert.False(first.IsCompleted || second.IsCompleted || rest.Any(r => r.IsCompleted));

        store.Gate.SetResult();
        await Task.WhenAll(rest.Prepend(second).Prepend(first));
        Assert.Equal(12, store.BatchSizes.Sum());
    }

    [Fact]
    public async Task WriteAsync_BatchLargerThanMax_IsSplit()
    {
        var store = new GatedInboxStore();
        await using var writer = Create(store, maxBatch: 20);

        var first = writer.WriteAsync(Event("e0"));
        await store.FirstCallStarted.WaitAsync(TestContext.Current.CancellationToken);
        var waiting = Enumerable.Range(1, 50)
            .Select(i => writer.WriteAsync(Event($"e{i}")))
            .ToList();
        store.Gate.SetResult();
        await Task.WhenAll(waiting.Prepend(first));

        Assert.Equal([1, 20, 20, 10], store.BatchSizes);
    }

    [Fact]
    public async Task WriteAsync_StoreFails_FailsEveryWaiterOfTheBatch()
    {
        var store = new GatedInboxStore { Fail = true };
        await using var writer = Create(store, maxBatch: 512);
        store.Gate.SetResult();

        var ex = await Assert.ThrowsAsync<WebhookInboxUnavailableException>(
            () => writer.WriteAsync(Event("e0")));

        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public async Task WriteAsync_DuplicateInOneBatch_ReportsNullForTheRepeat()
    {
        var store = new GatedInboxStore();
        await using var writer = Create(store, maxBatch: 512);

        var first = writer.WriteAsync(Event("e0"));
        await store.FirstCallStarted.WaitAsync(TestContext.Current.CancellationToken);
        var a = writer.WriteAsync(Event("same"));
        var b = writer.WriteAsync(Event("same"));
        store.Gate.SetResult();

        Assert.NotNull(await a);
        Assert.Null(await b);
        await first;
    }

    private static GroupCommitInboxWriter Create(IInboxStore store, int maxBatch) => new(
        store,
        Options.Create(new WebhookInboxOptions { MaxBatchSize = maxBatch }),
        new InboxSignal(),
        NullLogger<GroupCommitInboxWriter>.Instance);

    private static InboxEvent Event(string id) => new() { Provider = "p", EventId = id, Body = "{}"u8.ToArray() };

    /// <summary>An in-memory inbox whose first enqueue waits on a gate, so a test can pile requests up behind it.</summary>
    private sealed class GatedInboxStore : DelegatingInboxStore
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Reached)> _calls = [];

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstCallStarted => _started.Task;

        public List<int> BatchSizes { get; } = [];

        public bool Fail { get; init; }

        /// <summary>Completes once the store has been called <paramref name="count"/> times.</summary>
        public Task Calls(int count)
        {
            lock (_calls)
            {
                if (BatchSizes.Count >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _calls.Add((count, reached));
                return reached.Task;
            }
        }

        public override async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                BatchSizes.Add(events.Count);
                foreach (var (count, reached) in _calls.Where(c => c.Count <= BatchSizes.Count))
                {
                    reached.TrySetResult();
                }
            }

            _started.TrySetResult();
            await Gate.Task;
            return Fail ? throw new InvalidOperationException("down") : await Inner.EnqueueAsync(events, cancellationToken);
        }
    }
}
