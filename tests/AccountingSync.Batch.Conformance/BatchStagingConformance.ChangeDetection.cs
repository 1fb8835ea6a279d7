using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using AccountingSync.Targets.Ledger.Sql;

namespace AccountingSync.Batch.Conformance;

/// <summary>
/// Successive runs of one export (each its own job id, one job name) with content-hash change detection: only
/// new and changed documents reach the target, and the baseline moves with each finished run.
/// </summary>
public abstract partial class BatchStagingConformance
{
    private const string Changed = "536365"; // seven lines; its first line's quantity is edited below
    private const string Gone = "536366"; // two lines, dropped from the export below

    [Fact]
    public async Task RunAsync_SameExportAgain_SendsNothingAndReportsEveryDocumentUnchanged()
    {
        var (ledger, lines) = Daily();
        var first = await RunDailyAsync("run-1", lines, ledger);
        var counting = new CountingTarget(ledger);

        var second = await RunDailyAsync("run-2", lines, counting);

        Assert.True(first.DocumentsWritten > 200);
        Assert.Equal(0, counting.Documents);
        Assert.Equal(0, second.DocumentsWritten + second.DocumentsAlreadyApplied + second.RowsLoaded);
        Assert.Equal(first.DocumentsWritten, second.DocumentsUnchanged);
        Assert.Equal(first.RowsLoaded, second.RowsUnchanged);
        Assert.Equal(first.RowsRead, second.RowsUnchanged + second.RowsSkipped + second.RowsDuplicate);
        Assert.Equal(0, second.DocumentsRemoved);
    }

    [Fact]
    public async Task RunAsync_OneRowChanged_ReloadsOnlyItsDocument()
    {
        var (ledger, lines) = Daily();
        var first = await RunDailyAsync("run-1", lines, ledger);
        var before = await TotalAsync(ledger, Changed);
        var edited = (string[])lines.Clone();
        Assert.StartsWith($"{Changed},85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,", edited[1], StringComparison.Ordinal);
        edited[1] = edited[1].Replace(",6,12/1/10", ",7,12/1/10", StringComparison.Ordinal);
        var counting = new CountingTarget(ledger);

        var second = await RunDailyAsync("run-2", edited, counting);

        Assert.Equal(1, counting.Documents);
        Assert.Equal(1, second.DocumentsWritten);
        Assert.Equal(7, second.RowsLoaded);
        Assert.Equal(first.DocumentsWritten - 1, second.DocumentsUnchanged);
        Assert.Equal(before + 2.55m, await TotalAsync(ledger, Changed));

        // The changed content is the baseline now: a third run of the edited export sends nothing.
        var third = await RunDailyAsync("run-3", edited, ledger);
        Assert.Equal(first.DocumentsWritten, third.DocumentsUnchanged);
    }

    [Fact]
    public async Task RunAsync_DocumentGoneFromExport_ReportsItRemovedOnce()
    {
        var (ledger, lines) = Daily();
        var first = await RunDailyAsync("run-1", lines, ledger);
        var without = lines.Where(l => !l.StartsWith(Gone + ",", StringComparison.Ordinal)).ToArray();
        Assert.Equal(lines.Length - 2, without.Length);

        var second = await RunDailyAsync("run-2", without, ledger);
        var removed = new List<string>();
        var job = await DailyJobAsync("run-2", without, ledger);
        await foreach (var key in job.ReadRemovedDocumentKeysAsync(TestContext.Current.CancellationToken))
        {
            removed.Add(key);
        }

        Assert.Equal([Gone], removed);
        Assert.Equal(1, second.DocumentsRemoved);
        Assert.Equal(first.DocumentsWritten - 1, second.DocumentsUnchanged);
        Assert.Equal(0, second.DocumentsWritten);
        Assert.Equal(0, (await RunDailyAsync("run-3", without, ledger)).DocumentsRemoved);
    }

    private static async Task<decimal> TotalAsync(SqlLedgerTarget ledger, string invoice)
    {
        await foreach (var record in ledger.ListBySystemAsync("online-retail", TestContext.Current.CancellationToken))
        {
            if (record.Source.Id == invoice)
            {
                return record.Total!.Value.Amount;
            }
        }

        throw new InvalidOperationException($"Invoice {invoice} is not in the ledger.");
    }

    private (SqlLedgerTarget Ledger, string[] Lines) Daily() =>
        (RetailLedger.Create(Temp.Sqlite("daily-ledger.db")), File.ReadAllLines(SharedData.Require("data/online_retail_prefix_5000.csv")));

    private async Task<BatchJobResult> RunDailyAsync(string jobId, string[] lines, ITargetConnector target) =>
        await (await DailyJobAsync(jobId, lines, target)).RunAsync(TestContext.Current.CancellationToken);

    private async Task<BatchJob> DailyJobAsync(string jobId, string[] lines, ITargetConnector target)
    {
        var path = Temp.File($"{jobId}.csv");
        if (!File.Exists(path))
        {
            File.WriteAllLines(path, lines);
        }

        // Every run shares one staging database: the baseline lives there.
        var options = await WithStagingAsync(
            new BatchJobOptions
            {
                JobId = jobId, JobName = "retail-daily", ChangeDetection = ChangeDetection.ContentHash, LoadChunkSize = 50,
            },
            "daily");
        return new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), target);
    }
}
