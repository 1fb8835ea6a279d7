using System.Globalization;
using AccountingSync.Conformance;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>A job process killed with SIGKILL mid-load resumes in a new process to exactly the uninterrupted ledger.</summary>
public sealed class ProcessKillTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(3, 4)] // four chunks in flight: later ones may commit before the killed one
    [InlineData(9, 4)]
    public async Task RunAsync_ProcessKilledAfterChunks_ResumesToTheUninterruptedLedger(int killAfterChunks, int parallel)
    {
        var csv = SharedData.Require("data/online_retail_prefix_5000.csv");
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string[] Args(string name) =>
        [
            csv, temp.File($"{name}-staging.db"), temp.File($"{name}-ledger.db"),
            parallel.ToString(CultureInfo.InvariantCulture),
        ];

        Assert.False(await KillHostProcess.RunAsync(Args("baseline"), int.MaxValue, ct));
        Assert.True(await KillHostProcess.RunAsync(Args("killed"), killAfterChunks, ct));
        Assert.False(await KillHostProcess.RunAsync(Args("killed"), int.MaxValue, ct));

        Assert.Equal(Dump(temp.File("baseline-ledger.db")), Dump(temp.File("killed-ledger.db")));
        Assert.Equal(Dump(temp.File("baseline-staging.db"), Rows), Dump(temp.File("killed-staging.db"), Rows));
    }

    private const string Rows = "SELECT row_number || ' ' || status FROM batch_rows ORDER BY row_number";

    private static List<string> Dump(
        string file,
        string sql = "SELECT source_id || ' ' || document_kind || ' ' || posted_on || ' ' || total_minor || ' ' || is_current "
            + "FROM ledger_transactions ORDER BY source_id, id")
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
