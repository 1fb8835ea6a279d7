using AccountingSync.Batch;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace AccountingSync.Benchmarks.Batch;

/// <summary>
/// A retail CSV through parse → stage → validate → load into a no-op target, beside raw parsing alone and raw
/// batched SQLite inserts of the same rows, in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class BatchJobBenchmarks
{
    private string _csv = string.Empty;
    private string _folder = string.Empty;
    private int _run;

    /// <summary>Rows in the generated file.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _csv = RetailCsv.Generate(Rows);
        _folder = Directory.CreateTempSubdirectory("batch-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_csv);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "raw Sep parse")]
    public long RawParse()
    {
        using var reader = Sep.Reader().FromFile(_csv);
        long sum = 0;
        foreach (var row in reader)
        {
            sum += row["Quantity"].Parse<int>();
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "raw batched SQLite insert")]
    public long RawInsert()
    {
        using var connection = new SqliteConnection($"Data Source={NextFile()};Pooling=False");
        connection.Open();
        using (var ddl = connection.CreateCommand())
        {
            ddl.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                + "CREATE TABLE rows (n INTEGER PRIMARY KEY, invoice TEXT, payload TEXT)";
            ddl.ExecuteNonQuery();
        }

        using var reader = Sep.Reader().FromFile(_csv);
        var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO rows VALUES ($n, $i, $p)";
        var n = insert.Parameters.Add("$n", SqliteType.Integer);
        var invoice = insert.Parameters.Add("$i", SqliteType.Text);
        var payload = insert.Parameters.Add("$p", SqliteType.Text);
        long count = 0;
        foreach (var row in reader)
        {
            insert.Transaction = transaction;
            n.Value = ++count;
            invoice.Value = row["InvoiceNo"].ToString();
            payload.Value = row.Span.ToString();
            insert.ExecuteNonQuery();
            if (count % 2_000 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
            }
        }

        transaction.Commit();
        transaction.Dispose();
        return count;
    }

    [Benchmark(Description = "batch job: parse, stage, validate, load")]
    public async Task<long> Job()
    {
        var job = new BatchJob(
            new BatchJobOptions { JobId = "bench", StagingConnectionString = $"Data Source={NextFile()}", LoadChunkSize = 500 },
            new CsvSource(_csv), new OnlineRetailMapper(), new NoOpTarget());
        var result = await job.RunAsync(CancellationToken.None);
        return result.RowsLoaded;
    }

    private string NextFile() => Path.Combine(_folder, $"run-{++_run}.db");
}
