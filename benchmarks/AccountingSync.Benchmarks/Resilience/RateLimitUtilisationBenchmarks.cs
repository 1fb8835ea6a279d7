using System.Globalization;
using AccountingSync.Benchmarks.Pipeline;
using AccountingSync.Connectors;
using AccountingSync.Pipeline;
using AccountingSync.Resilience;
using BenchmarkDotNet.Attributes;

namespace AccountingSync.Benchmarks.Resilience;

/// <summary>
/// How much of a provider's request budget the SDK uses. The target enforces R requests per window exactly (a
/// sliding log, refusing with 429 what exceeds it); the SDK writes bulk calls of B records under a client-side limit
/// of R per window. The ideal is R×B records per window with no refusals; the baseline is a bare loop spending the
/// same client-side permits, without the pipeline.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class RateLimitUtilisationBenchmarks
{
    private const int RequestsPerWindow = 100;
    private const int WindowSeconds = 5;
    private const int BulkSize = 25;
    private const int Windows = 3;
    private const int Records = RequestsPerWindow * BulkSize * Windows;
    private SourceChange[] _changes = [];

    [GlobalSetup]
    public void Setup() => _changes = BenchmarkRecords.Create(Records);

    [Benchmark(Baseline = true, Description = "bare loop, same permits")]
    public async Task BareLoop()
    {
        var target = new LimitedTarget(RequestsPerWindow, WindowSeconds, BulkSize);
        await using var limiter = NewLimiter();
        var writes = _changes.Select(c => new TargetWrite(default, (Model.Documents.AccountingDocument)c.Payload!, c.Operation)).ToArray();
        var results = new TargetWriteResult[BulkSize];
        for (var start = 0; start < writes.Length; start += BulkSize)
        {
            using var lease = await limiter.AcquireAsync(bulk: true, CancellationToken.None);
            await target.WriteBulkAsync(writes.AsMemory(start, BulkSize), results, CancellationToken.None);
        }

        target.Report("bare loop");
    }

    [Benchmark(Description = "SyncPipeline with TargetRateLimiter")]
    public async Task Pipeline()
    {
        var target = new LimitedTarget(RequestsPerWindow, WindowSeconds, BulkSize);
        await using var limiter = NewLimiter();
        var options = new SyncPipelineOptions { Parallelism = 4, PartitionCapacity = 256 };
        options.Lanes[0].BatchSize = BulkSize;
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), options, rateLimiter: limiter);
        var result = await pipeline.RunAsync(new ArraySource(_changes), new IdentityMapper());
        if (result.Written != Records)
        {
            throw new InvalidOperationException($"Wrote {result.Written} of {Records}.");
        }

        target.Report("pipeline");
    }

    private static TargetRateLimiter NewLimiter() => new(new TargetRateLimitOptions
    {
        RequestsPerMinute = RequestsPerWindow,
        MinuteWindow = TimeSpan.FromSeconds(WindowSeconds),
        MaxConcurrentRequests = 4,
    });

    /// <summary>A provider that allows exactly R requests in any window and refuses the rest with 429.</summary>
    private sealed class LimitedTarget(int perWindow, int windowSeconds, int bulkSize) : ITargetConnector
    {
        private readonly Queue<long> _recent = new();
        private readonly Lock _lock = new();
        private long _first;
        private long _last;
        private int _accepted;
        private int _refused;
        private int _refusedWarm;
        private long _start = DateTime.UtcNow.Ticks;

        public string Name => "limited";

        public TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = bulkSize };

        public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Admit() ? TargetWriteResult.Written("T") : Refusal);

        public ValueTask WriteBulkAsync(
            ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
        {
            results.Span.Fill(Admit() ? TargetWriteResult.Written("T") : Refusal);
            return ValueTask.CompletedTask;
        }

        public void Report(string who)
        {
            // Requests are evenly spaced, so the span from the first to the last covers (n − 1) gaps.
            var seconds = TimeSpan.FromTicks(_last - _first).TotalSeconds * _accepted / Math.Max(1, _accepted - 1);
            var rate = _accepted / seconds * windowSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {who}: {_accepted} requests accepted, {_refused} refused ({_refusedWarm} after the first window), " +
                $"{rate:F1} req/window = {rate / perWindow:P1} of the limit, {rate * bulkSize / windowSeconds:F0} records/s"));
        }

        private static TargetWriteResult Refusal => TargetWriteResult.Failed(ErrorClass.Transient, "429", TimeSpan.FromMilliseconds(100));

        private bool Admit()
        {
            var now = DateTime.UtcNow.Ticks;
            lock (_lock)
            {
                while (_recent.Count > 0 && now - _recent.Peek() >= TimeSpan.TicksPerSecond * windowSeconds)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count >= perWindow)
                {
                    _refused++;
                    _refusedWarm += now - _start > TimeSpan.TicksPerSecond * windowSeconds ? 1 : 0;
                    return false;
                }

                _recent.Enqueue(now);
                _first = _accepted++ == 0 ? now : _first;
                _last = now;
                return true;
            }
        }
    }
}
