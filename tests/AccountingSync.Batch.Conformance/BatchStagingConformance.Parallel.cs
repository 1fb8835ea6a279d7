using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;

namespace AccountingSync.Batch.Conformance;

/// <summary>Several load chunks in flight at once, against a one-at-a-time run.</summary>
public abstract partial class BatchStagingConformance
{
    [Fact]
    public async Task RunAsync_FourChunksAtOnce_LedgerEqualsOneAtATime()
    {
        var path = SharedData.Require("data/online_retail_prefix_5000.csv");
        var ct = TestContext.Current.CancellationToken;
        var (sequential, sequentialLedger) = await LoadAsync("one", path, parallel: 1, ct);

        var (parallel, parallelLedger) = await LoadAsync("four", path, parallel: 4, ct);

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
        var (baseline, baselineLedger) = await LoadAsync("baseline", path, parallel: 1, ct);
        var ledgerDb = Temp.Sqlite("resumed-ledger.db");
        var options = await WithStagingAsync(
            new BatchJobOptions { JobId = "resumed", LoadChunkSize = 40, MaxDegreeOfParallelism = 4 }, "resumed");

        var dying = new BatchJob(
            options, new CsvSource(path), new OnlineRetailMapper(), new DyingTarget(RetailLedger.Create(ledgerDb), dieAfterCall));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunAsync(ct));
        var result = await new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(ledgerDb))
            .RunAsync(ct);

        Assert.Equal(baselineLedger, await ReadLedgerAsync(ledgerDb, ct));
        Assert.Equal(baseline.RowsLoaded, result.RowsLoaded);
        Assert.Equal(baseline.DocumentsWritten, result.DocumentsWritten + result.DocumentsAlreadyApplied);
        Assert.Equal(baseline.DocumentsWritten, CountTransactions(ledgerDb));
    }
}
