using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Conformance;

/// <summary>
/// The staging contract every <see cref="Staging.IBatchStagingStore"/> must keep, shown through whole batch jobs
/// into a real SQLite ledger: resume after a stop while staging or loading, parallel chunks, content-hash change
/// detection, duplicates and the failure report. A store passes by deriving and saying where a named staging
/// database lives.
/// </summary>
/// <remarks>The tests are split by concern over partial files; this one holds the resume tests and the helpers.</remarks>
public abstract partial class BatchStagingConformance : IDisposable
{
    /// <summary>Gets the test's folder, for ledgers and exports.</summary>
    protected TempDirectory Temp { get; } = new();

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
        var baseline = await LoadAsync("baseline", path, parallel: 1, ct);
        var options = await WithStagingAsync(
            new BatchJobOptions { JobId = "resume", StageChunkSize = 700, LoadChunkSize = 40 }, "resume");
        var ledgerDb = Temp.Sqlite("resume-ledger.db");

        if (stopAtRow > 0)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stopping = new BatchJob(
                options, new CancellingSource(new CsvSource(path), stopAtRow, cts), new OnlineRetailMapper(),
                RetailLedger.Create(ledgerDb));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.RunAsync(cts.Token));
        }

        if (dieAfterChunk > 0)
        {
            var dying = new BatchJob(
                options, new CsvSource(path), new OnlineRetailMapper(), new DyingTarget(RetailLedger.Create(ledgerDb), dieAfterChunk));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunAsync(ct));
        }

        var result = await new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(ledgerDb))
            .RunAsync(ct);

        Assert.Equal(baseline.Result.RowsLoaded, result.RowsLoaded);
        Assert.Equal(baseline.Result.RowsDuplicate, result.RowsDuplicate);
        Assert.Equal(baseline.Result.RowsSkipped, result.RowsSkipped);
        Assert.Equal(baseline.Result.DocumentsWritten, result.DocumentsWritten + result.DocumentsAlreadyApplied);
        Assert.Equal(dieAfterChunk > 0 ? 40 : 0, result.DocumentsAlreadyApplied);
        Assert.Equal(baseline.Ledger, await ReadLedgerAsync(ledgerDb, ct));
        Assert.Equal(baseline.Result.DocumentsWritten, CountTransactions(ledgerDb));
    }

    /// <summary>Deletes the test's folder.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the options with their staging set to the named database; one name is one database.</summary>
    /// <param name="options">The options, without staging.</param>
    /// <param name="database">The database's name within the test; jobs given the same name share their staging.</param>
    /// <returns>The options to run the job with.</returns>
    protected abstract ValueTask<BatchJobOptions> WithStagingAsync(BatchJobOptions options, string database);

    /// <summary>Releases what the test opened.</summary>
    /// <param name="disposing">Whether this is a call to <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
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

    private async Task<(BatchJobResult Result, SortedDictionary<string, string> Ledger)> LoadAsync(
        string name, string path, int parallel, CancellationToken ct)
    {
        var ledgerDb = Temp.Sqlite($"{name}-ledger.db");
        var options = await WithStagingAsync(
            new BatchJobOptions { JobId = name, LoadChunkSize = 40, MaxDegreeOfParallelism = parallel }, name);
        var result = await new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(ledgerDb))
            .RunAsync(ct);
        return (result, await ReadLedgerAsync(ledgerDb, ct));
    }
}
