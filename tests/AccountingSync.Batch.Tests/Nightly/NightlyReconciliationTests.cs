using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Nightly;
using AccountingSync.Batch.Retail;
using AccountingSync.Batch.Sources;
using AccountingSync.Batch.Staging;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using AccountingSync.Pipeline;

namespace AccountingSync.Batch.Tests.Nightly;

/// <summary>The nightly repair over the real export: the books start half-booked and end reconciled.</summary>
public sealed class NightlyReconciliationTests
{
    private static readonly DateTimeOffset Night = new(2010, 12, 8, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_BooksMissingEveryOtherDocument_RepairsThemThroughThePipelineAndWritesTheReports()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = SharedData.Require("data/online_retail_prefix.csv");
        using var temp = new TempDirectory();
        var ledger = RetailLedger.Create(temp.Sqlite("books.db"));
        await ledger.EnsureSchemaAsync(ct);
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(ledger, stores, new SyncPipelineOptions { Parallelism = 2 });

        // The day's lanes booked only every other document of the export.
        var staged = new StagedExportSource("day", new BatchJob(
            new BatchJobOptions { JobId = "day", StagingConnectionString = temp.Sqlite("day.db") },
            new CsvSource(export), new OnlineRetailMapper(), ledger));
        var all = new List<SourceChange>();
        await foreach (var change in staged.ReadChangesAsync(null, ct))
        {
            all.Add(change);
        }

        await pipeline.RunAsync(new ChangeListSource("lanes", [.. all.Where((_, i) => i % 2 == 0)]), DocumentPayloadMapper.Instance, ct);

        var nightly = new NightlyReconciliation(
            new NightlyReconciliationOptions
            {
                System = "online-retail", ExportPath = _ => export, StagingConnectionString = temp.Sqlite("staging.db"),
                ReportDirectory = temp.File("reports"),
            },
            new OnlineRetailMapper(), pipeline, ledger, stores.DeadLetters);
        var first = await nightly.RunAsync(Night, ct);
        var second = await nightly.RunAsync(Night, ct);

        Assert.Equal(633, all.Count);
        Assert.Equal("nightly-2010-12-08", first.JobId);
        Assert.Equal(316, first.Report.Before.Discrepancies.Count);
        Assert.Equal((316, 316L), (first.Report.Repaired, first.Report.Run!.Written));
        Assert.True(first.Report.Passed);
        Assert.Equal(381, first.RowsReported);
        Assert.Contains(": PASS", await File.ReadAllTextAsync(first.MarkdownPath, ct), StringComparison.Ordinal);
        Assert.True(File.Exists(first.JsonPath));
        Assert.Empty(second.Report.Repairs);
        Assert.True(second.Report.Passed);
    }

    [Theory]
    [InlineData(false, false, "StagingConnectionString or NightlyReconciliationOptions.StagingStore is required")]
    [InlineData(true, true, "StagingConnectionString and NightlyReconciliationOptions.StagingStore are both set")]
    public async Task Constructor_StagingNotExactlyOneOfFileOrStore_ThrowsNamingBoth(bool file, bool store, string expected)
    {
        using var temp = new TempDirectory();
        var ledger = RetailLedger.Create(temp.Sqlite("books.db"));
        await using var pipeline = new SyncPipeline(ledger, SyncStores.InMemory());
        var options = new NightlyReconciliationOptions
        {
            System = "online-retail", ExportPath = _ => temp.File("export.csv"), ReportDirectory = temp.Path,
            StagingConnectionString = file ? temp.Sqlite("s.db") : null,
            StagingStore = store ? new SqliteBatchStagingStore(temp.Sqlite("t.db")) : null,
        };

        var error = Assert.Throws<ArgumentException>(() => new NightlyReconciliation(options, new OnlineRetailMapper(), pipeline, ledger));

        Assert.Contains("NightlyReconciliationOptions." + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExportMissing_ThrowsNamingTheNight()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ledger = RetailLedger.Create(temp.Sqlite("books.db"));
        await using var pipeline = new SyncPipeline(ledger, SyncStores.InMemory());
        var nightly = new NightlyReconciliation(
            new NightlyReconciliationOptions
            {
                System = "online-retail", ExportPath = _ => temp.File("absent.csv"), StagingConnectionString = temp.Sqlite("s.db"),
                ReportDirectory = temp.Path,
            },
            new OnlineRetailMapper(), pipeline, ledger);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => nightly.RunAsync(Night, ct));

        Assert.Contains("nightly-2010-12-08", error.Message, StringComparison.Ordinal);
        Assert.Equal(temp.File("absent.csv"), error.FileName);
    }
}
