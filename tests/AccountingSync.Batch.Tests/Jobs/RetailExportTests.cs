using System.Diagnostics;
using System.Globalization;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Reports;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>The real retail export, loaded end to end into a real SQLite ledger.</summary>
public sealed class RetailExportTests
{
    private readonly ITestOutputHelper _output;

    public RetailExportTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task RunAsync_RealExport_LoadsEveryBookableRowAndReportsTheRest()
    {
        var path = SharedData.Require("data/online_retail_prefix.csv");
        using var temp = new TempDirectory();
        var ledger = RetailLedger.Create(temp.Sqlite("ledger.db"));
        var job = new BatchJob(
            new BatchJobOptions { JobId = "retail", StagingConnectionString = temp.Sqlite("staging.db") },
            new CsvSource(path), new OnlineRetailMapper(), ledger);
        var ct = TestContext.Current.CancellationToken;

        var clock = Stopwatch.StartNew();
        var result = await job.RunAsync(ct);
        clock.Stop();

        var failures = new List<RowFailure>();
        await foreach (var failure in job.ReadFailuresAsync(ct))
        {
            failures.Add(failure);
        }

        var expected = Expected.From(path);
        Assert.Equal(14_594, result.RowsRead);
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsFailed + result.RowsSkipped + result.RowsDuplicate);
        Assert.Equal(expected.Duplicates, result.RowsDuplicate);
        Assert.Equal(expected.Skipped, result.RowsSkipped);
        Assert.Equal(0, result.RowsFailed);
        Assert.Equal(expected.Documents.Count, result.DocumentsWritten);
        Assert.Equal(result.RowsSkipped + result.RowsDuplicate, failures.Count);

        var held = new Dictionary<string, TargetRecord>(StringComparer.Ordinal);
        await foreach (var record in ledger.ListBySystemAsync("online-retail", ct))
        {
            held.Add(record.Source.Id, record);
        }

        Assert.Equal(expected.Documents.Count, held.Count);
        foreach (var (number, total) in expected.Documents)
        {
            Assert.Equal(total, held[number].Total!.Value.Amount);
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows {result.RowsRead}, loaded {result.RowsLoaded}, skipped {result.RowsSkipped}, duplicates "
            + $"{result.RowsDuplicate}, failed {result.RowsFailed}; documents {result.DocumentsWritten} "
            + $"({expected.Documents.Keys.Count(k => k.StartsWith('C'))} credit notes); invoices total "
            + $"{expected.Documents.Where(d => !d.Key.StartsWith('C')).Sum(d => d.Value)} GBP, credit notes total "
            + $"{expected.Documents.Where(d => d.Key.StartsWith('C')).Sum(d => d.Value)} GBP; "
            + $"skips by rule: {string.Join(", ", failures.GroupBy(f => f.Rule).Select(g => $"{g.Key} {g.Count()}"))}; "
            + $"wall time {clock.ElapsedMilliseconds} ms"));
        using var report = new StringWriter();
        Assert.Equal(failures.Count, await FailureReportWriter.WriteCsvAsync(job.ReadFailuresAsync(ct), report, ct));
        Assert.StartsWith("row,disposition,rule,column,value,message", report.ToString(), StringComparison.Ordinal);
    }
}
