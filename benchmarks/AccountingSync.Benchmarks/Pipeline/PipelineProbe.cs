using System.Diagnostics;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Validation;

namespace AccountingSync.Benchmarks.Pipeline;

/// <summary>A quick wall-clock probe of the pipeline's parts, for investigation only.</summary>
internal static class PipelineProbe
{
    public static async Task RunAsync()
    {
        var changes = BenchmarkRecords.Create(200_000);
        var validator = new DocumentValidator();
        for (var round = 0; round < 3; round++)
        {
            Time("GetHashCode", changes, c => c.Entity.GetHashCode());
            Time("Derive", changes, c => IdempotencyKey.Derive("noop", c.Entity, c.Version, c.Operation).GetHashCode());
            Time("Validate", changes, c => validator.Validate((AccountingDocument)c.Payload!).Problems.Count);
            Time("ComputeTotals", changes, c => ((Invoice)c.Payload!).ComputeTotals().Total.Amount > 0 ? 1 : 0);
        }

        foreach (var parallelism in new[] { 1, 2 })
        {
            var options = new SyncPipelineOptions { Parallelism = parallelism, PartitionCapacity = 1024 };
            options.Lanes[0].BatchSize = 1000;
            for (var round = 0; round < 3; round++)
            {
                await using var pipeline = new SyncPipeline(new NoOpTarget(), NullStores.Create(), options);
                var started = Stopwatch.GetTimestamp();
                await pipeline.RunAsync(new ArraySource(changes), new IdentityMapper());
                var elapsed = Stopwatch.GetElapsedTime(started);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                Console.WriteLine($"pipeline parallelism {parallelism}: {elapsed.TotalNanoseconds / changes.Length:F0} ns/record");
            }
        }
    }

    private static void Time(string name, SourceChange[] changes, Func<SourceChange, int> work)
    {
        var started = Stopwatch.GetTimestamp();
        var sink = 0;
        foreach (var change in changes)
        {
            sink += work(change);
        }

        Console.WriteLine($"{name}: {Stopwatch.GetElapsedTime(started).TotalNanoseconds / changes.Length:F0} ns ({sink & 1})");
    }
}
