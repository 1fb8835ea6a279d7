using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Tests.Staging;

/// <summary>A staging file from an earlier layout is refused, never half-read.</summary>
public sealed class StagingLayoutTests
{
    [Fact]
    public async Task RunAsync_StagingFileOfAnEarlierLayout_ThrowsNamingTheSetting()
    {
        using var temp = new TempDirectory();
        var staging = temp.Sqlite("old.db");
        using (var connection = new SqliteConnection(staging))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE batch_jobs (job_id TEXT PRIMARY KEY, source TEXT NOT NULL, staged_through INTEGER NOT NULL "
                + "DEFAULT 0, staging_complete INTEGER NOT NULL DEFAULT 0, loaded_through TEXT NOT NULL DEFAULT '', "
                + "chunks_loaded INTEGER NOT NULL DEFAULT 0)";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(temp.File("rows.csv"), "InvoiceNo,StockCode\n1,A\n");
        var job = new BatchJob(
            new BatchJobOptions { JobId = "old", StagingConnectionString = staging },
            new CsvSource(temp.File("rows.csv")), new OnlineRetailMapper(), RetailLedger.Create(temp.Sqlite("ledger.db")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => job.RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("BatchJobOptions.StagingConnectionString", error.Message, StringComparison.Ordinal);
    }
}
