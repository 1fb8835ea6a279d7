using System.Collections.Concurrent;
using AccountingSync.Conformance.Testing;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Pipeline;
using AccountingSync.Resilience;
using AccountingSync.Tests.Pipeline;

namespace AccountingSync.Tests.Resilience;

/// <summary>
/// Over ten thousand deliveries with duplicates and more than a tenth of the writes faulted (5xx, hangs that hit
/// the attempt timeout, 429 bursts with Retry-After, slow answers, lost responses): every valid record ends in the
/// target exactly once, every invalid one in dead letters, nothing is lost. A failing seed is named in the message.
/// </summary>
public sealed class FaultProofTests
{
    public static TheoryData<int> Seeds => [101, 202, 303];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TenThousandRecords_UnderInjectedFaults_AreDeliveredExactlyOnce(int seed)
    {
        var scenario = ExactlyOnceScenario.Generate(seed, entities: 4500, maxVersions: 3);
        Assert.True(scenario.Deliveries.Count >= 10_000, $"seed {seed}: only {scenario.Deliveries.Count} deliveries");
        var attempts = new ConcurrentDictionary<IdempotencyKey, int>();
        var injected = 0;
        var writes = 0;
        var target = new RecordingTarget(maxBulkSize: 25)
        {
            ThrottleRetryAfter = TimeSpan.FromMilliseconds(20),
            SlowDelay = TimeSpan.FromMilliseconds(1),
        };
        target.Faults = write =>
        {
            Interlocked.Increment(ref writes);
            var chance = FaultChance.For(seed, write.Key, attempts.AddOrUpdate(write.Key, 1, (_, n) => n + 1));
            var fault = chance switch
            {
                < 0.04 => TargetFault.Transient,
                < 0.07 => TargetFault.Throttled,
                < 0.08 => TargetFault.Throw,
                < 0.085 => TargetFault.Hang,
                < 0.11 => TargetFault.AppliedButLost,
                < 0.14 => TargetFault.Slow,
                _ => TargetFault.None,
            };
            if (fault != TargetFault.None)
            {
                Interlocked.Increment(ref injected);
            }

            return fault;
        };
        var options = new SyncPipelineOptions
        {
            Parallelism = 4, PartitionCapacity = 64, MaxWriteAttempts = 40, RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromMilliseconds(200),
        };
        options.Lanes[0].BatchSize = 25;
        options.Lanes[0].MaxWait = TimeSpan.FromMilliseconds(20);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(500);
        var stores = SyncStores.InMemory();
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions { MaxConcurrentRequests = 4 });
        await using var pipeline = new SyncPipeline(target, stores, options, rateLimiter: limiter);

        var result = await pipeline.RunAsync(new ListSource("orders", scenario.Deliveries), new TestRecordMapper(),
            TestContext.Current.CancellationToken);

        Assert.True(injected >= writes / 10, $"seed {seed}: only {injected} of {writes} writes were faulted");
        var history = target.History;
        Assert.True(history.Count == history.Select(h => h.Key).Distinct().Count(), $"seed {seed}: a write was applied twice");
        var final = target.Current.ToDictionary(kv => kv.Key, kv => kv.Value.Version.Ordinal);
        Assert.True(
            scenario.ExpectedFinal.Count == final.Count
                && scenario.ExpectedFinal.All(kv => final.GetValueOrDefault(kv.Key) == kv.Value),
            $"seed {seed}: the target does not hold exactly the newest valid version of every entity");
        var letters = await stores.DeadLetters.QueryAsync(new DeadLetterQuery { Limit = 100_000 }, TestContext.Current.CancellationToken);
        Assert.True(scenario.ExpectedDeadLetters.SetEquals(letters.Select(l => l.Key)),
            $"seed {seed}: dead letters differ: {letters.Count} stored, {scenario.ExpectedDeadLetters.Count} expected");
        Assert.Equal(scenario.Deliveries.Count, result.Read);
    }
}
