using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Batch.Staging;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>A job with a bad setting is refused when it is created, with a message naming the setting.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Constructor_ParallelismOutOfRange_ThrowsNamingTheSetting()
    {
        var error = Create(new BatchJobOptions
        {
            JobId = "x", StagingConnectionString = _temp.Sqlite("s.db"), MaxDegreeOfParallelism = 0,
        });

        Assert.Contains("BatchJobOptions.MaxDegreeOfParallelism", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ContentHashWithoutJobName_ThrowsNamingTheSetting()
    {
        var error = Create(new BatchJobOptions
        {
            JobId = "x", StagingConnectionString = _temp.Sqlite("s.db"), ChangeDetection = ChangeDetection.ContentHash,
        });

        Assert.Contains("BatchJobOptions.JobName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoStaging_ThrowsNamingBothSettings()
    {
        var error = Create(new BatchJobOptions { JobId = "x" });

        Assert.Contains("BatchJobOptions.StagingConnectionString or BatchJobOptions.StagingStore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BothStagingSettings_ThrowsNamingBoth()
    {
        var error = Create(new BatchJobOptions
        {
            JobId = "x", StagingConnectionString = _temp.Sqlite("s.db"),
            StagingStore = new SqliteBatchStagingStore(_temp.Sqlite("other.db")),
        });

        Assert.Contains(
            "BatchJobOptions.StagingConnectionString and BatchJobOptions.StagingStore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StagingConnectionStringNotSqlite_ThrowsNamingTheSetting()
    {
        var error = Create(new BatchJobOptions { JobId = "x", StagingConnectionString = "Host=db;Username=sync" });

        Assert.Contains("BatchJobOptions.StagingConnectionString is not a valid SQLite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StagingStoreGiven_StagesThere()
    {
        File.WriteAllLines(_temp.File("rows.csv"),
        [
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom",
        ]);
        var store = new SqliteBatchStagingStore(_temp.Sqlite("store.db"));
        var ct = TestContext.Current.CancellationToken;
        var job = new BatchJob(
            new BatchJobOptions { JobId = "given", StagingStore = store }, new CsvSource(_temp.File("rows.csv")),
            new OnlineRetailMapper(), RetailLedger.Create(_temp.Sqlite("ledger.db")));

        var result = await job.RunAsync(ct);

        await using var session = await store.OpenSessionAsync("given", "rows", ct);
        var checkpoint = await session.ReadCheckpointAsync(ct);
        Assert.Equal(1, result.RowsLoaded);
        Assert.Equal((1L, true, 1L), (checkpoint.StagedThrough, checkpoint.StagingComplete, checkpoint.ChunksLoaded));
    }

    public void Dispose() => _temp.Dispose();

    private ArgumentException Create(BatchJobOptions options) => Assert.Throws<ArgumentException>(() => new BatchJob(
        options, new CsvSource(_temp.File("none.csv")), new OnlineRetailMapper(), RetailLedger.Create(_temp.Sqlite("ledger.db"))));
}
