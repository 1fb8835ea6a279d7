using System.Collections.Concurrent;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Pipeline;
using AccountingSync.Tests.Resilience;

namespace AccountingSync.Tests.Pipeline;

/// <summary>
/// Exactly-once under random interleavings: duplicates, out-of-order versions, transient failures, lost responses,
/// and aborts at random points followed by restarts. Every seed must end with the target holding exactly the newest
/// valid version of every entity, each applied once, and the dead-letter store holding every rejected record.
/// </summary>
public sealed class ExactlyOnceTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12).Select(i => i * 7919)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RunAsync_FaultsDuplicatesAndRestarts_EndWithEveryEntityOnceAtItsNewestVersion(int seed)
    {
        var scenario = ExactlyOnceScenario.Generate(seed, entities: 300, maxVersions: 4);
        var stores = SyncStores.InMemory();
        var target = new RecordingTarget(maxBulkSize: 7);
        var attempts = new ConcurrentDictionary<IdempotencyKey, int>();
        int crashBudget = 4, crashes = 0, injected = 0;
        SyncPipeline? pipeline = null;

        // Faults are a pure function of (seed, key, attempt), so a failing seed replays the same faults whatever
        // the thread interleaving.
        target.Faults = write =>
        {
            var fault = FaultChance.For(seed, write.Key, attempts.AddOrUpdate(write.Key, 1, (_, n) => n + 1)) switch
            {
                < 0.05 => TargetFault.Transient,
                < 0.08 => TargetFault.Throttled,
                < 0.10 => TargetFault.Throw,
                < 0.14 => TargetFault.AppliedButLost,
                _ => TargetFault.None,
            };
            if (fault != TargetFault.None)
            {
                Interlocked.Increment(ref injected);
            }

            return fault;
        };

        // A crash right after a write was applied and before anything was committed: the worst moment.
        target.AfterApply = write =>
        {
            if (FaultChance.For(seed, write.Key, -1) < 0.02 && Interlocked.Decrement(ref crashBudget) >= 0)
            {
                Interlocked.Increment(ref crashes);
                var doomed = pipeline!;
                _ = Task.Run(async () => await doomed.DisposeAsync());
                throw new OperationCanceledException("simulated crash");
            }

            return ValueTask.CompletedTask;
        };

        var source = new ListSource("orders", scenario.Deliveries);
        var options = new SyncPipelineOptions
        {
            Parallelism = 4, PartitionCapacity = 16, CheckpointEvery = 5, MaxWriteAttempts = 30,
            RetryBaseDelay = TimeSpan.Zero,
        };
        options.Lanes[0].BatchSize = 10;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(500);

        SyncRunResult? result = null;
        for (var attempt = 0; result is null; attempt++)
        {
            Assert.True(attempt < 20, $"seed {seed}: the sync did not finish after {attempt} restarts");
            pipeline = new SyncPipeline(target, stores, options);
            try
            {
                result = await pipeline.RunAsync(source, new TestRecordMapper(), TestContext.Current.CancellationToken);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // The simulated crash; a fresh pipeline resumes from the stored checkpoint.
            }
            finally
            {
                await pipeline.DisposeAsync();
            }
        }

        Assert.True(crashes > 0, $"seed {seed}: no crash was injected, so restarts went untested");
        Assert.True(injected >= scenario.Deliveries.Count / 20, $"seed {seed}: only {injected} faults were injected");
        TestContext.Current.SendDiagnosticMessage(
            $"seed {seed}: {scenario.Deliveries.Count} deliveries, {injected} faults, {crashes} crashes");

        var history = target.History;
        Assert.True(history.Count == history.Select(h => h.Key).Distinct().Count(), $"seed {seed}: a write was applied twice");
        foreach (var group in history.GroupBy(h => h.Entity))
        {
            var versions = group.Select(h => h.Version.Ordinal).ToList();
            Assert.True(versions.SequenceEqual(versions.Order()), $"seed {seed}: {group.Key} was overwritten by an older version");
        }

        var final = target.Current.ToDictionary(kv => kv.Key, kv => kv.Value.Version.Ordinal);
        Assert.Equal(scenario.ExpectedFinal.OrderBy(kv => kv.Key.Id), final.OrderBy(kv => kv.Key.Id));

        var letters = await stores.DeadLetters.QueryAsync(new DeadLetterQuery { Limit = 100_000 }, TestContext.Current.CancellationToken);
        Assert.Equal(scenario.ExpectedDeadLetters.OrderBy(k => k.Value), letters.Select(l => l.Key).OrderBy(k => k.Value));
        Assert.All(letters, l =>
        {
            Assert.Contains(l.ErrorClass, new[] { ErrorClass.Validation, ErrorClass.Mapping });
            Assert.False(string.IsNullOrWhiteSpace(l.Reason));
            Assert.NotNull(l.Payload);
        });

        var checkpoint = await stores.Checkpoints.GetAsync("orders", TestContext.Current.CancellationToken);
        Assert.Equal((scenario.Deliveries.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), checkpoint!.Cursor);
    }
}
