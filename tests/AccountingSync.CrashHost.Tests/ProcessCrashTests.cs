using System.Globalization;
using AccountingSync.Conformance;
using AccountingSync.DeadLetters;
using AccountingSync.Storage.PostgreSql;
using AccountingSync.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AccountingSync.CrashHost.Tests;

/// <summary>
/// Kills a process running a sync with SIGKILL at seeded random points, restarts it until it finishes, and
/// checks that the books and the dead letters are exactly what one uninterrupted run leaves.
/// </summary>
public sealed class ProcessCrashTests : IDisposable
{
    private const int Records = 600;
    private const int KillsPerBackend = 12;
    private readonly string _folder = Directory.CreateTempSubdirectory("accountingsync-crash-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_KilledAtRandomPoints_EndsLikeAnUninterruptedRun()
    {
        var clean = Path.Combine(_folder, "clean.db");
        var crashed = Path.Combine(_folder, "crashed.db");
        Assert.False(await CrashHostProcess.RunAsync(["sqlite", clean, Count], int.MaxValue, Token));

        var kills = await RunWithKillsAsync(["sqlite", crashed, Count], seed: 20261203);

        Assert.Equal(KillsPerBackend, kills);
        Assert.Equal(ReadSqliteLedger(clean), ReadSqliteLedger(crashed));
        Assert.Equal(await ReadSqliteDeadLettersAsync(clean), await ReadSqliteDeadLettersAsync(crashed));
    }

    [Fact]
    public async Task PostgreSql_KilledAtRandomPoints_EndsLikeAnUninterruptedRun()
    {
        var connectionString = PostgresTestServer.Require();
        var clean = "crash_clean_" + Guid.NewGuid().ToString("N")[..12];
        var crashed = "crash_killed_" + Guid.NewGuid().ToString("N")[..12];
        await using var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            Assert.False(await CrashHostProcess.RunAsync(["postgres", connectionString, clean, Count], int.MaxValue, Token));

            var kills = await RunWithKillsAsync(["postgres", connectionString, crashed, Count], seed: 4242);

            Assert.Equal(KillsPerBackend, kills);
            Assert.Equal(await ReadPostgresLedgerAsync(source, clean), await ReadPostgresLedgerAsync(source, crashed));
            Assert.Equal(await ReadPostgresDeadLettersAsync(source, clean), await ReadPostgresDeadLettersAsync(source, crashed));
        }
        finally
        {
            using var drop = source.CreateCommand($"DROP SCHEMA IF EXISTS {clean} CASCADE; DROP SCHEMA IF EXISTS {crashed} CASCADE");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Count => Records.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> RunWithKillsAsync(string[] arguments, int seed)
    {
        var random = new Random(seed);
        var kills = 0;
        while (true)
        {
            // Each run is killed after 1–4 committed target batches: early enough that twelve kills happen
            // before the source is exhausted, at points that vary between the target write and the commits after it.
            var killAfter = kills < KillsPerBackend ? random.Next(1, 5) : int.MaxValue;
            if (!await CrashHostProcess.RunAsync(arguments, killAfter, Token))
            {
                return kills;
            }

            kills++;
        }
    }

    private static List<string> ReadSqliteLedger(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, entity_id, name, version FROM crash_ledger ORDER BY key";
        return ReadRows(command.ExecuteReader());
    }

    private static async Task<List<string>> ReadPostgresLedgerAsync(NpgsqlDataSource source, string schema)
    {
        using var command = source.CreateCommand($"SELECT key, entity_id, name, version FROM {schema}.crash_ledger ORDER BY key");
        return ReadRows(await command.ExecuteReaderAsync(Token));
    }

    private static List<string> ReadRows(System.Data.Common.DbDataReader reader)
    {
        using (reader)
        {
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.GetInt64(3).ToString(CultureInfo.InvariantCulture)));
            }

            Assert.NotEmpty(rows);
            return rows;
        }
    }

    private static async Task<List<string>> ReadSqliteDeadLettersAsync(string path)
    {
        using var database = SqliteSyncDatabase.Open(path);
        return Describe(await database.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
    }

    private static async Task<List<string>> ReadPostgresDeadLettersAsync(NpgsqlDataSource source, string schema)
    {
        await using var database = await PostgreSqlSyncDatabase.OpenAsync(source, schema, cancellationToken: Token);
        return Describe(await database.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
    }

    // Attempts are left out on purpose: a record dead-lettered just before a kill is read again after the
    // restart and fails again, which raises its attempt count; the entry itself must be the same.
    private static List<string> Describe(IReadOnlyList<DeadLetter> letters)
    {
        Assert.NotEmpty(letters);
        return [.. letters
            .Select(l => string.Join('|', l.Key, l.Stream, l.Entity, l.Version, l.EventId, l.Reason, l.ErrorClass,
                string.Join(';', l.Problems)))
            .Order(StringComparer.Ordinal)];
    }
}
