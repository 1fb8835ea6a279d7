using System.Text.Json;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Model;
using AccountingSync.Reconciliation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Batch.Tests.Reconciliation;

/// <summary>The real export loaded into the SQL ledger, reconciled against the ledger's read-back.</summary>
public sealed class RetailReconciliationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReconcileAsync_LedgerAsLoaded_Passes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (job, ledger) = await LoadAsync(temp, ct);

        var report = await Reconcile(job, ledger, ct);

        Assert.True(report.Passed, string.Join("\n", report.Discrepancies));
        Assert.Equal(633, report.SourceCount);
        Assert.Equal(633, report.Matched);
        Assert.Equal(6, report.DailyTotals.Count); // 1 to 7 December 2010; the shop made no sales on Saturday the 4th
        Assert.All(report.DailyTotals, t => Assert.True(t.Matches));
        Assert.Equal(Now, report.CreatedAt);
    }

    [Fact]
    public async Task ReconcileAsync_RowDeletedAndTotalAlteredInLedger_FailsNamingBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (job, ledger) = await LoadAsync(temp, ct);
        using (var connection = new SqliteConnection(temp.Sqlite("ledger.db")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "DELETE FROM ledger_splits WHERE transaction_id IN (SELECT id FROM ledger_transactions WHERE source_id = '536365');"
                + "DELETE FROM ledger_transactions WHERE source_id = '536365';"
                + "UPDATE ledger_transactions SET total_minor = total_minor + 1 WHERE source_id = 'C536379';"
                + "UPDATE ledger_transactions SET currency = 'EUR' WHERE source_id = '536366';";
            command.ExecuteNonQuery();
        }

        var report = await Reconcile(job, ledger, ct);

        Assert.False(report.Passed);
        Assert.Collection(report.Discrepancies,
            d => Assert.Equal((DiscrepancyKind.MissingInTarget, "536365", "139.12 GBP"), (d.Kind, d.Entity.Id, d.Expected)),
            d => Assert.Equal((DiscrepancyKind.AmountMismatch, "C536379", "27.50 GBP", "27.51 GBP"),
                (d.Kind, d.Entity.Id, d.Expected, d.Actual)),
            d => Assert.Equal((DiscrepancyKind.CurrencyMismatch, "536366"), (d.Kind, d.Entity.Id)));
        Assert.Contains(report.DailyTotals, t => t.Bucket == "2010-12-01" && !t.Matches);

        using var json = new MemoryStream();
        ReconciliationReportWriter.WriteJson(report, json);
        using var parsed = JsonDocument.Parse(json.ToArray());
        Assert.False(parsed.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(3, parsed.RootElement.GetProperty("discrepancies").GetArrayLength());
        using var markdown = new StringWriter();
        ReconciliationReportWriter.WriteMarkdown(report, markdown);
        Assert.Contains(": FAIL", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| MissingInTarget | online-retail/invoice/536365 |", markdown.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(BatchJob Job, Targets.Ledger.Sql.SqlLedgerTarget Ledger)> LoadAsync(
        TempDirectory temp, CancellationToken ct)
    {
        var ledger = RetailLedger.Create(temp.Sqlite("ledger.db"));
        var job = new BatchJob(
            new BatchJobOptions { JobId = "retail", StagingConnectionString = temp.Sqlite("staging.db") },
            new CsvSource(SharedData.Require("data/online_retail_prefix.csv")), new OnlineRetailMapper(), ledger);
        var result = await job.RunAsync(ct);
        Assert.Equal(0, result.RowsFailed);
        return (job, ledger);
    }

    private static Task<ReconciliationReport> Reconcile(BatchJob job, Targets.Ledger.Sql.SqlLedgerTarget ledger, CancellationToken ct) =>
        new Reconciler(timeProvider: new FakeTimeProvider(Now))
            .ReconcileAsync("online-retail", job.ReadLoadedDocumentsAsync(ct), ledger.Name, ledger, ct);
}
