using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>A job stopped at any point resumes from its checkpoint and ends as an uninterrupted run does.</summary>
public sealed class ResumeTests
{
    [Theory]
    [InlineData(0, 0)] // uninterrupted, as a control
    [InlineData(5_000, 0)] // stopped while staging
    [InlineData(0, 1)] // killed right after the first chunk committed in the target
    [InlineData(0, 4)] // and after a later one
    [InlineData(3_000, 3)] // both, in two successive runs
    public async Task RunAsync_InterruptedThenRunAgain_EndsWithExactlyTheUninterruptedRows(long stopAtRow, int dieAfterChunk)
    {
        var path = SharedData.Require("data/online_retail_prefix_5000.csv");
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var baseline = await LoadAsync(temp, "baseline", path, ct);
        var staging = temp.Sqlite("resume-staging.db");
        var ledgerDb = temp.Sqlite("resume-ledger.db");
        BatchJobOptions Options() => new()
        {
            JobId = "resume", StagingConnectionString = staging, StageChunkSize = 700, LoadChunkSize = 40,
        };

        if (stopAtRow > 0)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stopping = new BatchJob(
                Options(), new CancellingSource(new CsvSource(path), stopAtRow, cts), new OnlineRetailMapper(),
                RetailLedger.Create(ledgerDb));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.RunAsync(cts.Token));
        }

        if (dieAfterChunk > 0)
        {
            var dying = new BatchJob(
                Options(), new CsvSource(path), new OnlineRetailMapper(),
                new DyingTarget(RetailLedger.Create(ledgerDb), dieAfterChunk));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunAsync(ct));
        }

        var result = await new BatchJob(Options(), new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(ledgerDb))
            .RunAsync(ct);

        Assert.Equal(baseline.Result.RowsLoaded, result.RowsLoaded);
        Assert.Equal(baseline.Result.RowsDuplicate, result.RowsDuplicate);
        Assert.Equal(baseline.Result.RowsSkipped, result.RowsSkipped);
        Assert.Equal(baseline.Result.DocumentsWritten, result.DocumentsWritten + result.DocumentsAlreadyApplied);
        Assert.Equal(dieAfterChunk > 0 ? 40 : 0, result.DocumentsAlreadyApplied);
        Assert.Equal(baseline.Ledger, await ReadLedgerAsync(RetailLedger.Create(ledgerDb), ct));
        Assert.Equal(baseline.Result.DocumentsWritten, CountTransactions(ledgerDb));
    }

    private static async Task<(BatchJobResult Result, SortedDictionary<string, string> Ledger)> LoadAsync(
        TempDirectory temp, string name, string path, CancellationToken ct)
    {
        var ledger = RetailLedger.Create(temp.Sqlite($"{name}-ledger.db"));
        var job = new BatchJob(
            new BatchJobOptions { JobId = name, StagingConnectionString = temp.Sqlite($"{name}-staging.db") },
            new CsvSource(path), new OnlineRetailMapper(), ledger);
        var result = await job.RunAsync(ct);
        return (result, await ReadLedgerAsync(ledger, ct));
    }

    private static async Task<SortedDictionary<string, string>> ReadLedgerAsync(ITargetReadBack ledger, CancellationToken ct)
    {
        var held = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var record in ledger.ListBySystemAsync("online-retail", ct))
        {
            held.Add(record.Source.Id, $"{record.Kind} {record.Date:O} {record.Total}");
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
