using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;
using AccountingSync.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Tests.Resilience;

public sealed class WriteResilienceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<SourceChange> Records(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TestRecord($"E{i:D4}", 1, 10m).ToChange())];

    private static SyncPipelineOptions Options(int batchSize = 5)
    {
        var options = new SyncPipelineOptions { Parallelism = 1, PartitionCapacity = 4, RetryBaseDelay = TimeSpan.Zero,
            MaxWriteAttempts = 3 };
        options.Lanes[0].BatchSize = batchSize;
        options.CircuitBreaker.MinimumThroughput = 2;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(10);
        return options;
    }

    [Fact]
    public async Task OpenCircuit_HoldsTheSourceBackAndDeadLettersNothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var healthy = false;
        var target = new RecordingTarget { Faults = _ => Volatile.Read(ref healthy) ? TargetFault.None : TargetFault.Throw };
        var stores = SyncStores.InMemory();
        var source = new ListSource("s", Records(40));
        await using var pipeline = new SyncPipeline(target, stores, Options(), timeProvider: time);

        var run = pipeline.RunAsync(source, new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => target.CallSizes.Count >= 3);
        var callsWhenOpen = target.CallSizes.Count;
        time.Advance(TimeSpan.FromSeconds(5));

        // Open: no call reaches the target, nothing is dead-lettered, and the source is held back.
        Assert.Equal(callsWhenOpen, target.CallSizes.Count);
        Assert.Equal(0, await stores.DeadLetters.CountAsync(Token));
        Assert.InRange(source.Read, 1, 15);
        Assert.False(run.IsCompleted);

        // The break ends, the half-open probe succeeds, the circuit closes and the rest flows.
        // The partition learns how long to wait and then arms its delay, so step the clock a second at a time,
        // giving the pipeline a moment to react after each step.
        Volatile.Write(ref healthy, true);
        for (var step = 0; step < 30 && !run.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(100), Token));
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal((40, 0), (result.Written, result.DeadLettered));
    }

    [Fact]
    public async Task HangingCall_IsCancelledByTheAttemptTimeoutAndRetried()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = 0;
        var target = new RecordingTarget { Faults = _ => Interlocked.Increment(ref calls) == 1 ? TargetFault.Hang : TargetFault.None };
        var options = Options(batchSize: 1);
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), options, timeProvider: time);

        var run = pipeline.RunAsync(new ListSource("s", Records(1)), new TestRecordMapper(), Token);
        await SyncPipelineTests.WaitUntilAsync(() => Volatile.Read(ref calls) == 1);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, (await run.WaitAsync(TimeSpan.FromSeconds(30), Token)).Written);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task TotalTimeout_DeadLettersWhatCouldNotBeWritten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var target = new RecordingTarget { Faults = _ => TargetFault.Hang };
        var stores = SyncStores.InMemory();
        var options = Options(batchSize: 1);
        options.MaxWriteAttempts = 100;
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        options.TotalTimeout = TimeSpan.FromSeconds(3);
        options.CircuitBreaker.MinimumThroughput = 1000;
        await using var pipeline = new SyncPipeline(target, stores, options, timeProvider: time);

        var run = pipeline.RunAsync(new ListSource("s", Records(1)), new TestRecordMapper(), Token);
        for (var attempt = 1; !run.IsCompleted; attempt++)
        {
            // Step the clock one attempt timeout at a time, each once the attempt has reached the target.
            await SyncPipelineTests.WaitUntilAsync(() => run.IsCompleted || target.CallSizes.Count >= attempt);
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(attempt < 10, "The total timeout never ended the write.");
        }

        Assert.Equal(1, (await run).DeadLettered);
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal(ErrorClass.Transient, letter.ErrorClass);
        Assert.Contains("total timeout", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(3, letter.Attempts);
    }

    [Fact]
    public async Task Conflict_IsRetriedOnceThenDeadLettered()
    {
        var conflicts = new Dictionary<string, int>();
        var target = new RecordingTarget
        {
            Faults = w =>
            {
                lock (conflicts)
                {
                    var id = w.Document.Source.Id;
                    conflicts[id] = conflicts.GetValueOrDefault(id) + 1;
                    return id switch
                    {
                        "E0000" when conflicts[id] == 1 => TargetFault.Conflict, // stale once, fine after a re-read
                        "E0001" => TargetFault.Conflict,                          // stale every time
                        _ => TargetFault.None,
                    };
                }
            },
        };
        var stores = SyncStores.InMemory();
        var options = Options(batchSize: 1);
        options.MaxWriteAttempts = 5;
        await using var pipeline = new SyncPipeline(target, stores, options);

        var result = await pipeline.RunAsync(new ListSource("s", Records(3)), new TestRecordMapper(), Token);

        Assert.Equal((2, 1), (result.Written, result.DeadLettered));
        Assert.Equal(2, conflicts["E0001"]);
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal((ErrorClass.Conflict, 2), (letter.ErrorClass, letter.Attempts));
    }
}
