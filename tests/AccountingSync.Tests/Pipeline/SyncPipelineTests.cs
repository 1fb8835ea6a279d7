using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Options;

namespace AccountingSync.Tests.Pipeline;

public sealed class SyncPipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<SourceChange> Records(int count, string prefix = "E") =>
        [.. Enumerable.Range(0, count).Select(i => new TestRecord($"{prefix}{i:D4}", 1, 10m + i).ToChange())];

    private static SyncPipelineOptions Options(int parallelism = 2, int batchSize = 10)
    {
        var options = new SyncPipelineOptions { Parallelism = parallelism, RetryBaseDelay = TimeSpan.Zero };
        options.Lanes[0].BatchSize = batchSize;
        return options;
    }

    [Fact]
    public async Task RunAsync_NewerThenOlderVersion_SkipsTheOlderAsStale()
    {
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options());
        var changes = new List<SourceChange>
        {
            new TestRecord("A", 3, 30m).ToChange(),
            new TestRecord("A", 2, 20m).ToChange(),
            new TestRecord("A", 3, 30m).ToChange(eventId: "other-lane"),
        };

        var result = await pipeline.RunAsync(new ListSource("s", changes), new TestRecordMapper(), Token);

        Assert.Equal((1, 1, 1), (result.Written, result.Stale, result.Duplicates));
        Assert.Equal(3, Assert.Single(target.Current).Value.Version.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameEventTwice_WritesOnceAndCountsADuplicate()
    {
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options());
        var change = new TestRecord("A", 1, 5m).ToChange();

        var result = await pipeline.RunAsync(new ListSource("s", [change, change, change]), new TestRecordMapper(), Token);

        Assert.Equal(1, result.Written);
        Assert.Equal(2, result.Duplicates);
        Assert.Single(target.History);
    }

    [Fact]
    public async Task RunAsync_BadRecords_AreDeadLetteredWithReasonsWhileTheRestIsWritten()
    {
        var target = new RecordingTarget();
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(target, stores, Options());
        List<SourceChange> changes =
        [
            new TestRecord("ok-1", 1, 5m).ToChange(),
            new TestRecord("invalid", 1, 5m, Invalid: true).ToChange(),
            new TestRecord("unmappable", 1, 5m, Unmappable: true).ToChange(),
            new SourceChange { Entity = new("test", "invoice", "wrong-payload"), Payload = "not a record" },
            new TestRecord("ok-2", 1, 5m).ToChange(),
        ];

        var result = await pipeline.RunAsync(new ListSource("s", changes), new TestRecordMapper(), Token);

        Assert.Equal(2, result.Written);
        Assert.Equal(3, result.DeadLettered);
        var letters = (await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token)).ToDictionary(l => l.Entity.Id);
        Assert.Equal(ErrorClass.Validation, letters["invalid"].ErrorClass);
        Assert.Equal("Lines[0].Quantity", Assert.Single(letters["invalid"].Problems).Path);
        Assert.Equal(ErrorClass.Mapping, letters["unmappable"].ErrorClass);
        Assert.Contains("no known kind", letters["unmappable"].Reason, StringComparison.Ordinal);
        Assert.Contains("Expected a TestRecord payload", letters["wrong-payload"].Reason, StringComparison.Ordinal);
        Assert.Contains("\"Invalid\":true", letters["invalid"].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MapperThrows_DeadLettersTheRecordAndCarriesOn()
    {
        var target = new RecordingTarget();
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(target, stores, Options());

        var result = await pipeline.RunAsync(new ListSource("s", Records(5)), new ThrowingMapper("E0002"), Token);

        Assert.Equal((4, 1), (result.Written, result.DeadLettered));
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Contains("FormatException", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PermanentFailure_IsDeadLetteredAtOnce()
    {
        var target = new RecordingTarget { Faults = w => w.Document.Source.Id == "E0001" ? TargetFault.Permanent : TargetFault.None };
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(target, stores, Options());

        var result = await pipeline.RunAsync(new ListSource("s", Records(3)), new TestRecordMapper(), Token);

        Assert.Equal((2, 1), (result.Written, result.DeadLettered));
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal((ErrorClass.Permanent, 1), (letter.ErrorClass, letter.Attempts));
    }

    [Fact]
    public async Task RunAsync_TransientFailuresThatNeverEnd_AreDeadLetteredAfterMaxAttempts()
    {
        var target = new RecordingTarget { Faults = w => w.Document.Source.Id == "E0000" ? TargetFault.Throw : TargetFault.None };
        var stores = SyncStores.InMemory();
        var options = Options();
        options.MaxWriteAttempts = 4;
        await using var pipeline = new SyncPipeline(target, stores, options);

        var result = await pipeline.RunAsync(new ListSource("s", Records(3)), new TestRecordMapper(), Token);

        Assert.Equal(1, result.DeadLettered);
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal((ErrorClass.Transient, 4), (letter.ErrorClass, letter.Attempts));
        Assert.Contains("Connection reset", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LostResponse_IsRetriedAndRecognisedByItsKey()
    {
        var lost = 0;
        var target = new RecordingTarget
        {
            Faults = _ => Interlocked.Increment(ref lost) == 1 ? TargetFault.AppliedButLost : TargetFault.None,
        };
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options(parallelism: 1, batchSize: 1));

        var result = await pipeline.RunAsync(new ListSource("s", Records(1)), new TestRecordMapper(), Token);

        Assert.Equal((0, 1), (result.Written, result.AlreadyApplied));
        Assert.Single(target.History);
    }

    [Fact]
    public async Task RunAsync_BatchSize_CapsEveryWriteCall()
    {
        var target = new RecordingTarget(maxBulkSize: 4);
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options(parallelism: 1, batchSize: 10));

        await pipeline.RunAsync(new ListSource("s", Records(25)), new TestRecordMapper(), Token);

        // Batches of 10, 10 and a final 5 flushed at the end, each cut to the target's bulk limit of 4.
        Assert.Equal([4, 4, 2, 4, 4, 2, 4, 1], target.CallSizes);
    }

    [Fact]
    public async Task RunAsync_SecondRun_ResumesAfterTheCheckpointAndReadsNothingAgain()
    {
        var target = new RecordingTarget();
        var source = new ListSource("s", Records(30));
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options());

        var first = await pipeline.RunAsync(source, new TestRecordMapper(), Token);
        var second = await pipeline.RunAsync(source, new TestRecordMapper(), Token);

        Assert.Equal(("29", 30), (first.Cursor, first.Read));
        Assert.Equal(0, second.Read);
        Assert.Equal(30, source.Read);
    }

    [Fact]
    public async Task RunAsync_SameStreamTwiceAtOnce_IsRefused()
    {
        var gate = new TaskCompletionSource();
        var target = new RecordingTarget { BeforeCall = async (_, ct) => await gate.Task.WaitAsync(ct) };
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), Options(batchSize: 1));
        var source = new ListSource("s", Records(3));

        var running = pipeline.RunAsync(source, new TestRecordMapper(), Token);
        await WaitUntilAsync(() => target.CallSizes.Count > 0);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(source, new TestRecordMapper(), Token));
        gate.SetResult();
        await running;

        Assert.Contains("'s' is already running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEverySettingThatIsWrong()
    {
        var options = new SyncPipelineOptions { Parallelism = 0, PartitionCapacity = -1 };
        options.Lanes.Add(new LaneOptions { Name = "default", BatchSize = 0 });

        var error = Assert.Throws<OptionsValidationException>(() => new SyncPipeline(new RecordingTarget(),
            SyncStores.InMemory(), options));

        Assert.Contains(error.Failures, f => f.StartsWith("SyncPipelineOptions[books].Parallelism", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("SyncPipelineOptions[books].PartitionCapacity", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("SyncPipelineOptions[books].Lanes[1].BatchSize", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'default' is used more than once", StringComparison.Ordinal));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Yields until another thread makes the condition true; bounded in wall time so a broken test fails
        // instead of hanging. Nothing here waits for time to pass: the condition is what is awaited.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }

        Assert.True(condition(), "The condition never became true.");
    }

    private sealed class ThrowingMapper(string failingId) : IRecordMapper
    {
        private readonly TestRecordMapper _inner = new();

        public MappingResult Map(SourceChange change) =>
            change.Entity.Id == failingId ? throw new FormatException("bad date") : _inner.Map(change);
    }
}
