using System.Diagnostics;
using AccountingSync.Batch;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;

namespace AccountingSync.Benchmarks.Batch;

/// <summary>
/// Runs one batch job over a generated file in a fresh process and prints rows per second and the peak working
/// set, so 100k and 1M rows can be compared (BenchmarkDotNet reports allocations, not peak memory).
/// </summary>
internal static class BatchMemoryProbe
{
    public static async Task RunAsync(int rows)
    {
        var csv = RetailCsv.Generate(rows);
        var folder = Directory.CreateTempSubdirectory("batch-probe-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var job = new BatchJob(
                new BatchJobOptions
                {
                    JobId = "probe", StagingConnectionString = $"Data Source={Path.Combine(folder, "staging.db")};Pooling=False",
                    LoadChunkSize = 500,
                },
                new CsvSource(csv), new OnlineRetailMapper(), new NoOpTarget());
            var result = await job.RunAsync(CancellationToken.None);
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(
                $"rows={rows} loaded={result.RowsLoaded} seconds={clock.Elapsed.TotalSeconds:0.0} "
                + $"rows/s={rows / clock.Elapsed.TotalSeconds:0} peakWorkingSetMB={self.PeakWorkingSet64 / (1024 * 1024)}");
        }
        finally
        {
            File.Delete(csv);
            Directory.Delete(folder, recursive: true);
        }
    }
}
