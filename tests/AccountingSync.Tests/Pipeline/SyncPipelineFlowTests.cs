using AccountingSync.Checkpoints;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Tests.Pipeline;

/// <summary>Flow control: checkpoints at the low-water mark, max-wait batching, back-pressure, stopping.</summary>
public sealed class SyncPipelineFlowTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<SourceChange> Records(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TestRecord($"E{i:D4}", 1, 10m).ToChange())];

    [Fact]
    public async Task Checkpoint_NeverPassesARecordStillInFlight()
    {
        var stores = SyncStores.InMemory();
        var gate = new TaskCompletionSource();
        var target = new RecordingTarget
        {
            AfterApply = async w =>
            {
                if (w.Document.Source.Id == "E0000")
                {
                    await gate.Task;
                }
            },
        };
        var options = new SyncPipelineOptions { Parallelism = 4, CheckpointEvery = 1, CheckpointInterval = TimeSpan.Zero };
        options.Lanes[0].BatchSize = 1;
        await using var pipeline = new SyncPipeline(target, stores, options);

        var run = pipeline.RunAsync(new ListSource("s", Records(40)), new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => target.History.Count >= 10);

        // Later records are committed, but record 0 is not: the checkpoint must not move past it.
        Assert.Null(await stores.Checkpoints.GetAsync("s", Token));
        gate.SetResult();
        var result = await run;

        Assert.Equal("39", result.Cursor);
        Assert.Equal("39", (await stores.Checkpoints.GetAsync("s", Token))!.Cursor);
    }

    [Fact]
    public async Task Batch_IsWrittenWhenItsFirstRecordHasWaitedMaxWait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var counting = new CountingIdempotencyStore();
        var stores = SyncStores.InMemory() with { Idempotency = counting };
        var target = new RecordingTarget();
        var options = new SyncPipelineOptions { Parallelism = 1 };
        options.Lanes[0].BatchSize = 100;
        options.Lanes[0].MaxWait = TimeSpan.FromSeconds(5);
        var sourceGate = new TaskCompletionSource();
        var source = new ListSource("s", Records(6))
        {
            BeforeYield = async i =>
            {
                if (i == 3)
                {
                    await sourceGate.Task;
                }
            },
        };
        await using var pipeline = new SyncPipeline(target, stores, options, timeProvider: time);

        var run = pipeline.RunAsync(source, new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => counting.Lookups == 3);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(target.CallSizes);

        // The partition reads the clock and then arms its timer; an advance between the two can land before the
        // timer exists, so step past the deadline from any such arming rather than onto it.
        await SyncPipelineTests.WaitUntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return target.CallSizes.Count == 1;
        });
        Assert.Equal([3], target.CallSizes);

        sourceGate.SetResult();
        await run;
        Assert.Equal([3, 3], target.CallSizes);
    }

    [Fact]
    public async Task SlowTarget_HoldsTheSourceBack()
    {
        var gate = new TaskCompletionSource();
        var target = new RecordingTarget { BeforeCall = async (_, ct) => await gate.Task.WaitAsync(ct) };
        var options = new SyncPipelineOptions { Parallelism = 1, PartitionCapacity = 4 };
        options.Lanes[0].BatchSize = 1;
        var source = new ListSource("s", Records(1000));
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), options);

        var run = pipeline.RunAsync(source, new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => source.Read >= 6);
        for (var i = 0; i < 50; i++)
        {
            await Task.Yield();
        }

        // One record at the target, four in the channel, one waiting to enter it.
        Assert.InRange(source.Read, 6, 7);
        gate.SetResult();
        Assert.Equal(1000, (await run).Written);
    }

    [Fact]
    public async Task Cancelling_StopsReadingDrainsInFlightAndSavesTheCheckpoint()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var stores = SyncStores.InMemory();
        var target = new RecordingTarget();
        var source = new ListSource("s", Records(100));
        source.BeforeYield = i =>
        {
            if (i == 50)
            {
                stop.Cancel();
            }

            return ValueTask.CompletedTask;
        };
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 3 });

        var stopped = await pipeline.RunAsync(source, new TestRecordMapper(), stop.Token);

        Assert.True(stopped.Stopped);
        Assert.Equal(stopped.Read, target.History.Count);
        Assert.Equal((stopped.Read - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), stopped.Cursor);

        source.BeforeYield = null;
        var resumed = await pipeline.RunAsync(source, new TestRecordMapper(), Token);
        Assert.False(resumed.Stopped);
        Assert.Equal(100, target.History.Count);
        Assert.Equal(100, stopped.Read + resumed.Read);
    }

    [Fact]
    public async Task AnotherInstanceSavingTheCheckpoint_StopsThisRunWithAConflict()
    {
        var stores = SyncStores.InMemory();
        var gate = new TaskCompletionSource();
        var target = new RecordingTarget { BeforeCall = async (_, ct) => await gate.Task.WaitAsync(ct) };
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 1 });

        var run = pipeline.RunAsync(new ListSource("s", Records(5)), new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => target.CallSizes.Count > 0);
        await stores.Checkpoints.TrySaveAsync("s", "elsewhere", 0, DateTimeOffset.UnixEpoch, Token);
        gate.SetResult();

        var error = await Assert.ThrowsAsync<CheckpointConflictException>(() => run);
        Assert.Equal("s", error.Stream);
        Assert.Equal("elsewhere", (await stores.Checkpoints.GetAsync("s", Token))!.Cursor);
    }

    [Fact]
    public async Task DeadLetter_ReplayedAfterAFix_IsWrittenOnce()
    {
        var stores = SyncStores.InMemory();
        var target = new RecordingTarget { Faults = _ => TargetFault.Permanent };
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 1 });
        await pipeline.RunAsync(new ListSource("s", Records(3)), new TestRecordMapper(), Token);
        var letters = await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token);
        Assert.Equal(3, letters.Count);

        target.Faults = null; // the fix
        var replay = new ListSource("replay", [.. letters.Select(DeadLetterPayload.ToChange)]);
        var first = await pipeline.RunAsync(replay, new TestRecordMapper(), Token);
        var again = await pipeline.RunAsync(new ListSource("replay-2",
            [.. letters.Select(DeadLetterPayload.ToChange)]), new TestRecordMapper(), Token);

        Assert.Equal(3, first.Written);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(3, target.History.Count);
        Assert.IsType<TestRecord>(DeadLetterPayload.ToChange(letters[0]).Payload);
    }

    private sealed class CountingIdempotencyStore : IIdempotencyStore
    {
        private readonly InMemoryIdempotencyStore _inner = new();
        private int _lookups;

        public int Lookups => Volatile.Read(ref _lookups);

        public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
            _inner.FindAsync(key, cancellationToken);

        public ValueTask<CommittedWrite?> FindLatestAsync(string target, SourceIdentity entity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            return _inner.FindLatestAsync(target, entity, cancellationToken);
        }

        public ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken) =>
            _inner.CommitAsync(writes, cancellationToken);
    }
}
