using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using AccountingSync.Targets.Ledger.Sql;

namespace AccountingSync.Batch.Tests.Delta;

/// <summary>
/// Successive runs of one export (each its own job id, one job name) against a real SQLite ledger, with
/// content-hash change detection: only new and changed documents reach the target.
/// </summary>
public sealed class ChangeDetectionTests : IDisposable
{
    private const string Changed = "536365"; // seven lines; its first line's quantity is edited below
    private const string Gone = "536366"; // two lines, dropped from the export below
    private readonly TempDirectory _temp = new();
    private readonly string[] _lines = File.ReadAllLines(SharedData.Require("data/online_retail_prefix_5000.csv"));
    private readonly SqlLedgerTarget _ledger;

    public ChangeDetectionTests() => _ledger = RetailLedger.Create(_temp.Sqlite("ledger.db"));

    [Fact]
    public async Task RunAsync_SameExportAgain_SendsNothingAndReportsEveryDocumentUnchanged()
    {
        var first = await RunAsync("run-1", _lines);
        var counting = new CountingTarget(_ledger);

        var second = await RunAsync("run-2", _lines, counting);

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
        var first = await RunAsync("run-1", _lines);
        var before = await TotalAsync(Changed);
        var edited = (string[])_lines.Clone();
        Assert.StartsWith($"{Changed},85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,", edited[1], StringComparison.Ordinal);
        edited[1] = edited[1].Replace(",6,12/1/10", ",7,12/1/10", StringComparison.Ordinal);
        var counting = new CountingTarget(_ledger);

        var second = await RunAsync("run-2", edited, counting);

        Assert.Equal(1, counting.Documents);
        Assert.Equal(1, second.DocumentsWritten);
        Assert.Equal(7, second.RowsLoaded);
        Assert.Equal(first.DocumentsWritten - 1, second.DocumentsUnchanged);
        Assert.Equal(before + 2.55m, await TotalAsync(Changed));

        // The changed content is the baseline now: a third run of the edited export sends nothing.
        var third = await RunAsync("run-3", edited);
        Assert.Equal(first.DocumentsWritten, third.DocumentsUnchanged);
    }

    [Fact]
    public async Task RunAsync_DocumentGoneFromExport_ReportsItRemovedOnce()
    {
        var first = await RunAsync("run-1", _lines);
        var without = _lines.Where(l => !l.StartsWith(Gone + ",", StringComparison.Ordinal)).ToArray();
        Assert.Equal(_lines.Length - 2, without.Length);

        var second = await RunAsync("run-2", without);
        var removed = new List<string>();
        var job = Job("run-2", without, _ledger);
        await foreach (var key in job.ReadRemovedDocumentKeysAsync(TestContext.Current.CancellationToken))
        {
            removed.Add(key);
        }

        Assert.Equal([Gone], removed);
        Assert.Equal(1, second.DocumentsRemoved);
        Assert.Equal(first.DocumentsWritten - 1, second.DocumentsUnchanged);
        Assert.Equal(0, second.DocumentsWritten);
        Assert.Equal(0, (await RunAsync("run-3", without)).DocumentsRemoved);
    }

    [Fact]
    public void Constructor_ContentHashWithoutJobName_ThrowsNamingTheSetting()
    {
        var options = new BatchJobOptions
        {
            JobId = "x", StagingConnectionString = _temp.Sqlite("s.db"), ChangeDetection = ChangeDetection.ContentHash,
        };

        var error = Assert.Throws<ArgumentException>(
            () => new BatchJob(options, new CsvSource(_temp.File("none.csv")), new OnlineRetailMapper(), _ledger));

        Assert.Contains("BatchJobOptions.JobName", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<BatchJobResult> RunAsync(string jobId, string[] lines, ITargetConnector? target = null) =>
        await Job(jobId, lines, target ?? _ledger).RunAsync(TestContext.Current.CancellationToken);

    private BatchJob Job(string jobId, string[] lines, ITargetConnector target)
    {
        var path = _temp.File($"{jobId}.csv");
        if (!File.Exists(path))
        {
            File.WriteAllLines(path, lines);
        }

        return new BatchJob(
            new BatchJobOptions
            {
                JobId = jobId, JobName = "retail-daily", ChangeDetection = ChangeDetection.ContentHash,
                StagingConnectionString = _temp.Sqlite("staging.db"), LoadChunkSize = 50,
            },
            new CsvSource(path), new OnlineRetailMapper(), target);
    }

    private async Task<decimal> TotalAsync(string invoice)
    {
        await foreach (var record in _ledger.ListBySystemAsync("online-retail", TestContext.Current.CancellationToken))
        {
            if (record.Source.Id == invoice)
            {
                return record.Total!.Value.Amount;
            }
        }

        throw new InvalidOperationException($"Invoice {invoice} is not in the ledger.");
    }
}
