using AccountingSync.Batch.Nightly;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Pipeline;

namespace AccountingSync.Batch.PostgreSql.Tests;

/// <summary>The nightly repair staging each night on PostgreSQL, as instances sharing a schedule would.</summary>
public sealed class PostgreSqlNightlyReconciliationTests(StagingSchemas schemas) : IClassFixture<StagingSchemas>, IDisposable
{
    private static readonly DateTimeOffset Night = new(2010, 12, 8, 2, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunAsync_EmptyBooksStagedOnPostgres_BooksEveryDocumentAndTheNextRunFindsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = SharedData.Require("data/online_retail_prefix.csv");
        var staging = await schemas.OpenAsync(schemas.NewSchema());
        var ledger = RetailLedger.Create(_temp.Sqlite("books.db"));
        await ledger.EnsureSchemaAsync(ct);
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(ledger, stores);
        var nightly = new NightlyReconciliation(
            new NightlyReconciliationOptions
            {
                System = "online-retail", ExportPath = _ => export, StagingStore = staging,
                ReportDirectory = _temp.File("reports"),
            },
            new OnlineRetailMapper(), pipeline, ledger, stores.DeadLetters);

        var first = await nightly.RunAsync(Night, ct);
        var second = await nightly.RunAsync(Night, ct);

        Assert.Equal(633, first.Report.Before.Discrepancies.Count);
        Assert.Equal(633, first.Report.Repaired);
        Assert.True(first.Report.Passed);
        Assert.Equal(381, first.RowsReported);
        Assert.Empty(second.Report.Repairs);
        Assert.True(second.Report.Passed);
        await using var session = await staging.OpenSessionAsync("nightly-2010-12-08", "check", ct);
        Assert.True((await session.ReadCheckpointAsync(ct)).StagingComplete);
    }

    public void Dispose() => _temp.Dispose();
}
