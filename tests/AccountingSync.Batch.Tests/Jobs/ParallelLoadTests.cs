using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>Several load chunks in flight at once, into a real SQLite ledger, against a one-at-a-time run.</summary>
public sealed class ParallelLoadTests
{
    [Fact]
    public async Task RunAsync_FourChunksAtOnce_LedgerEqualsOneAtATime()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (sequential, sequentialLedger) = await LoadAsync(temp, "one", parallel: 1, ct);

        var (parallel, parallelLedger) = await LoadAsync(temp, "four", parallel: 4, ct);

        Assert.Equal(sequentialLedger, parallelLedger);
        Assert.Equal(sequential.RowsLoaded, parallel.RowsLoaded);
        Assert.Equal(sequential.DocumentsWritten, parallel.DocumentsWritten);
        Assert.Equal(sequential.ChunksLoaded, parallel.ChunksLoaded);
        Assert.Equal(0, parallel.DocumentsAlreadyApplied);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task RunAsync_FourChunksAtOnceKilledThenResumed_EndsExactly(int dieAfterCall)
    {
        var path = SharedData.Require("data/online_retail_prefix_5000.csv");
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (baseline, baselineLedger) = await LoadAsync(temp, "baseline", parallel: 1, ct);
        var ledgerDb = temp.Sqlite("resumed-ledger.db");
        var options = Options(temp, "resumed", parallel: 4);

        var dying = new BatchJob(
            options, new CsvSource(path), new OnlineRetailMapper(),
            new DyingTarget(RetailLedger.Create(ledgerDb), dieAfterCall));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunAsync(ct));
        var result = await new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(ledgerDb))
            .RunAsync(ct);

        Assert.Equal(baselineLedger, await ReadLedgerAsync(ledgerDb, ct));
        Assert.Equal(baseline.RowsLoaded, result.RowsLoaded);
        Assert.Equal(baseline.DocumentsWritten, result.DocumentsWritten + result.DocumentsAlreadyApplied);
        Assert.Equal(baseline.DocumentsWritten, CountTransactions(ledgerDb));
    }

    [Fact]
    public void Constructor_ParallelismOutOfRange_ThrowsNamingTheSetting()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ArgumentException>(() => new BatchJob(
            Options(temp, "x", parallel: 0), new CsvSource(temp.File("none.csv")), new OnlineRetailMapper(),
            RetailLedger.Create(temp.Sqlite("ledger.db"))));

        Assert.Contains("BatchJobOptions.MaxDegreeOfParallelism", error.Message, StringComparison.Ordinal);
    }

    private static BatchJobOptions Options(TempDirectory temp, string name, int parallel) => new()
    {
        JobId = name, StagingConnectionString = temp.Sqlite($"{name}-staging.db"), LoadChunkSize = 40,
        MaxDegreeOfParallelism = parallel,
    };

    private static async Task<(BatchJobResult Result, SortedDictionary<string, string> Ledger)> LoadAsync(
        TempDirectory temp, string name, int parallel, CancellationToken ct)
    {
        var ledgerDb = temp.Sqlite($"{name}-ledger.db");
        var job = new BatchJob(
            Options(temp, name, parallel), new CsvSource(SharedData.Require("data/online_retail_prefix_5000.csv")),
            new OnlineRetailMapper(), RetailLedger.Create(ledgerDb));
        var result = await job.RunAsync(ct);
        return (result, await ReadLedgerAsync(ledgerDb, ct));
    }

    private static async Task<SortedDictionary<string, string>> ReadLedgerAsync(string ledgerDb, CancellationToken ct)
    {
        var held = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var record in RetailLedger.Create(ledgerDb).ListBySystemAsync("online-retail", ct))
        {
            held.Add(record.Source.Id, $"{record.Kind} {record.Date:O} {record.Total} {record.Version}");
        }

        return held;
    }

    private static long CountTransactions(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ledger_transactions";
        return (long)command.ExecuteScalar()!;
    }
}
