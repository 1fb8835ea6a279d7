using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Reports;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Conformance;

/// <summary>The real retail export end to end, and the failure report's lines, order and counts.</summary>
public abstract partial class BatchStagingConformance
{
    [Fact]
    public async Task RunAsync_RealExport_LoadsEveryBookableRowAndReportsTheRest()
    {
        var path = SharedData.Require("data/online_retail_prefix.csv");
        var ledger = RetailLedger.Create(Temp.Sqlite("retail-ledger.db"));
        var ct = TestContext.Current.CancellationToken;
        var job = new BatchJob(
            await WithStagingAsync(new BatchJobOptions { JobId = "retail" }, "retail"),
            new CsvSource(path), new OnlineRetailMapper(), ledger);

        var result = await job.RunAsync(ct);

        var failures = await ToListAsync(job.ReadFailuresAsync(ct));
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

        using var report = new StringWriter();
        Assert.Equal(failures.Count, await FailureReportWriter.WriteCsvAsync(job.ReadFailuresAsync(ct), report, ct));
        Assert.StartsWith("row,disposition,rule,column,value,message", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFailuresAsync_BrokenSkippedAndRepeatedRows_ListsEachLineInRowOrder()
    {
        const string Good = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom";
        var path = Temp.File("small.csv");
        File.WriteAllLines(path,
        [
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            Good,
            "536366,22633,HAND WARMER UNION JACK,x,13/45/10 8:28,-1,17850,United Kingdom", // two broken columns
            "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/10 8:34,0,13047,United Kingdom", // zero price
            Good, // an exact repeat of row 1
            "536367,22745,POPPY'S PLAYHOUSE BEDROOM,6,12/1/10 8:34,2.10,13047,United Kingdom",
        ]);
        var ct = TestContext.Current.CancellationToken;
        var job = new BatchJob(
            await WithStagingAsync(new BatchJobOptions { JobId = "small", StageChunkSize = 2 }, "small"),
            new CsvSource(path), new OnlineRetailMapper(), RetailLedger.Create(Temp.Sqlite("small-ledger.db")));

        var result = await job.RunAsync(ct);

        var failures = await ToListAsync(job.ReadFailuresAsync(ct));
        Assert.Equal(
            [
                "2 Failed quantity-format", "2 Failed price-negative", "2 Failed date-format", "3 Skipped zero-price",
                "4 Duplicate duplicate-row",
            ],
            failures.Select(f => $"{f.RowNumber} {f.Disposition} {f.Rule}").ToArray());
        Assert.Equal("The row repeats row 1 exactly; it is loaded once.", failures[^1].Message);
        Assert.Equal(("Quantity", "x"), (failures[0].Column, failures[0].Value));
        Assert.Equal((5, 2, 1, 1, 1), (result.RowsRead, result.RowsLoaded, result.RowsFailed, result.RowsSkipped, result.RowsDuplicate));
        Assert.Equal(2, result.DocumentsWritten);
        Assert.Equal(1, result.FailuresByRule["quantity-format"]);
        Assert.Equal(["536365", "536367"], (await ToListAsync(job.ReadLoadedDocumentsAsync(ct))).Select(d => d.Source.Id).ToArray());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
