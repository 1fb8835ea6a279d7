using System.Threading.Channels;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Inbox;
using AccountingSync.Webhooks.Inbox.Internal;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Webhooks.Tests.Inbox;

/// <summary>
/// How the writer gathers a batch while commits run back to back, on a fake clock: each commit of the stepped
/// store waits until the test releases it, and the clock moves only when the test advances it.
/// </summary>
public sealed class GroupCommitGatherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WriteAsync_SendersComingBackAfterABusyCommit_AreGatheredIntoOneBatch()
    {
        var (time, store, writer) = Create();
        await using var _ = writer;
        var writes = await RunTwoBusyCommitsAsync(time, store, writer);

        // 20 answered + 2 queued are expected back; the loop waits for nine tenths of them.
        Assert.True(SpinWait.SpinUntil(() => writer.GatherTarget > 0, Patience));
        Assert.Equal(19, writer.GatherTarget);
        writes.AddRange(Enumerable.Range(23, 17).Select(i => writer.WriteAsync(Event(i))));
        Assert.Equal(19, await store.NextCallAsync());
        store.ReleaseAll();
        await Task.WhenAll(writes);

        Assert.Equal([1, 20, 19], store.Sizes);
        Assert.Equal(1, writer.Gathers);
    }

    [Fact]
    public async Task WriteAsync_ExpectedSendersDoNotCome_CommitsWhenTheWindowCloses()
    {
        var (time, store, writer) = Create();
        await using var _ = writer;
        var writes = await RunTwoBusyCommitsAsync(time, store, writer);

        Assert.True(SpinWait.SpinUntil(() => writer.GatherTarget > 0, Patience));
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(2, await store.NextCallAsync());
        store.ReleaseAll();
        await Task.WhenAll(writes);

        Assert.Equal([1, 20, 2], store.Sizes);
        Assert.Equal(1, writer.Gathers);
    }

    [Fact]
    public async Task WriteAsync_LoneDeliveryAfterIdle_IsCommittedWithoutWaiting()
    {
        var (time, store, writer) = Create();
        await using var _ = writer;
        var first = writer.WriteAsync(Event(0));
        Assert.Equal(1, await store.NextCallAsync());
        time.Advance(TimeSpan.FromMilliseconds(50));
        store.ReleaseAll();
        await first;

        // The clock does not move again: only the real-time bound would end a gathering wait.
        var second = writer.WriteAsync(Event(1));
        Assert.Equal(1, await store.NextCallAsync());
        store.ReleaseAll();

        Assert.NotNull(await second);
        Assert.Equal(0, writer.Gathers);
    }

    /// <summary>A commit of 1 and a commit of 20, each taking 10 ms of fake time, with 2 queued during the second.</summary>
    private static async Task<List<Task<long?>>> RunTwoBusyCommitsAsync(
        FakeTimeProvider time, SteppedInboxStore store, GroupCommitInboxWriter writer)
    {
        var writes = new List<Task<long?>> { writer.WriteAsync(Event(0)) };
        Assert.Equal(1, await store.NextCallAsync());
        writes.AddRange(Enumerable.Range(1, 20).Select(i => writer.WriteAsync(Event(i))));
        time.Advance(TimeSpan.FromMilliseconds(10));
        store.Release();
        Assert.Equal(20, await store.NextCallAsync());
        writes.AddRange(Enumerable.Range(21, 2).Select(i => writer.WriteAsync(Event(i))));
        time.Advance(TimeSpan.FromMilliseconds(10));
        store.Release();
        return writes;
    }

    private static (FakeTimeProvider, SteppedInboxStore, GroupCommitInboxWriter) Create()
    {
        var time = new FakeTimeProvider();
        var store = new SteppedInboxStore();
        var writer = new GroupCommitInboxWriter(
            store,
            Options.Create(new WebhookInboxOptions
            {
                MaxGatherDelay = TimeSpan.FromMilliseconds(2),

                // One batch at a time, so each commit's batch is exactly what queued while the last one ran.
                MaxBatchesInFlight = 1,
            }),
            new InboxSignal(),
            NullLogger<GroupCommitInboxWriter>.Instance,
            time);
        return (time, store, writer);
    }

    private static InboxEvent Event(int i) => new() { Provider = "p", EventId = $"e{i}", Body = "{}"u8.ToArray() };

    /// <summary>An in-memory inbox whose every enqueue reports its size and waits for the test to release it.</summary>
    private sealed class SteppedInboxStore : DelegatingInboxStore
    {
        private readonly Channel<int> _calls = Channel.CreateUnbounded<int>();
        private readonly SemaphoreSlim _gate = new(0);

        public List<int> Sizes { get; } = [];

        public async Task<int> NextCallAsync() =>
            await _calls.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience);

        public void Release() => _gate.Release();

        public void ReleaseAll() => _gate.Release(1000);

        public override async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
        {
            Sizes.Add(events.Count);
            _calls.Writer.TryWrite(events.Count);
            await _gate.WaitAsync(cancellationToken);
            return await Inner.EnqueueAsync(events, cancellationToken);
        }
    }
}
