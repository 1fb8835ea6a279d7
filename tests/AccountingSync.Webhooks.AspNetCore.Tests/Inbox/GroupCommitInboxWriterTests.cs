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

        Assert.Equal([1, 50], store.BatchSizes);
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long?)i), sequences);
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

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstCallStarted => _started.Task;

        public List<int> BatchSizes { get; } = [];

        public bool Fail { get; init; }

        public override async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
        {
            BatchSizes.Add(events.Count);
            _started.TrySetResult();
            await Gate.Task;
            return Fail ? throw new InvalidOperationException("down") : await Inner.EnqueueAsync(events, cancellationToken);
        }
    }
}
