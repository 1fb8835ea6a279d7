using AccountingSync.Scheduling;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Scheduling;

/// <summary>
/// An <see cref="IScheduleStore"/> in a SQLite file: for instances that share the file. Instances on several
/// machines share a <c>PostgreSqlScheduleStore</c> (the PostgreSQL storage package) instead.
/// </summary>
/// <remarks>Each call opens its own connection; this type is thread-safe.</remarks>
public sealed class SqliteScheduleStore : IScheduleStore
{
    private readonly string _connectionString;

    /// <summary>Creates the store and its tables (<c>batch_leases</c>, <c>batch_schedule_runs</c>) when missing.</summary>
    /// <param name="connectionString">The connection string, such as <c>Data Source=jobs.db</c>.</param>
    public SqliteScheduleStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS batch_leases (
                schedule TEXT PRIMARY KEY, holder TEXT, expires_at INTEGER NOT NULL DEFAULT 0,
                last_occurrence INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS batch_schedule_runs (
                schedule TEXT NOT NULL, occurrence INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,
                outcome TEXT NOT NULL, message TEXT, PRIMARY KEY (schedule, occurrence));
            """);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireAsync(
        string schedule, string holder, DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        using var connection = Open();
        Execute(connection, "INSERT INTO batch_leases (schedule) VALUES ($s) ON CONFLICT (schedule) DO NOTHING", ("$s", schedule));
        return Execute(connection,
            "UPDATE batch_leases SET holder = $h, expires_at = $e WHERE schedule = $s AND (holder IS NULL OR expires_at <= $now)",
            ("$s", schedule), ("$h", holder), ("$e", (now + timeToLive).ToUnixTimeMilliseconds()),
            ("$now", now.ToUnixTimeMilliseconds())) == 1 ? ValueTask.FromResult(true) : ValueTask.FromResult(false);
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string schedule, string holder, CancellationToken cancellationToken)
    {
        using var connection = Open();
        Execute(connection, "UPDATE batch_leases SET holder = NULL, expires_at = 0 WHERE schedule = $s AND holder = $h",
            ("$s", schedule), ("$h", holder));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> GetLastOccurrenceAsync(string schedule, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_occurrence FROM batch_leases WHERE schedule = $s";
        command.Parameters.AddWithValue("$s", schedule);
        return ValueTask.FromResult<DateTimeOffset?>(
            command.ExecuteScalar() is long ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction,
            "INSERT OR REPLACE INTO batch_schedule_runs (schedule, occurrence, started_at, ended_at, outcome, message) "
            + "VALUES ($s, $o, $st, $en, $out, $m)",
            ("$s", run.Schedule), ("$o", run.Occurrence.ToUnixTimeMilliseconds()), ("$st", run.StartedAt.ToUnixTimeMilliseconds()),
            ("$en", run.EndedAt?.ToUnixTimeMilliseconds()), ("$out", run.Outcome), ("$m", run.Message));
        if (run.Outcome != "running")
        {
            Execute(connection, transaction,
                "INSERT INTO batch_leases (schedule, last_occurrence) VALUES ($s, $o) ON CONFLICT (schedule) "
                + "DO UPDATE SET last_occurrence = MAX(last_occurrence, excluded.last_occurrence)",
                ("$s", run.Schedule), ("$o", run.Occurrence.ToUnixTimeMilliseconds()));
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScheduledRun>> ReadHistoryAsync(string schedule, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT occurrence, started_at, ended_at, outcome, message FROM batch_schedule_runs "
            + "WHERE schedule = $s ORDER BY occurrence";
        command.Parameters.AddWithValue("$s", schedule);
        using var reader = command.ExecuteReader();
        var runs = new List<ScheduledRun>();
        while (reader.Read())
        {
            runs.Add(new ScheduledRun(
                schedule, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return ValueTask.FromResult<IReadOnlyList<ScheduledRun>>(runs);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Execute(connection, null, sql, parameters);

    private static int Execute(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }
}
