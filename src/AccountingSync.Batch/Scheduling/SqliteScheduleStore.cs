using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Scheduling;

/// <summary>
/// A schedule's durable state in SQLite: the lease that keeps a run from starting twice (across instances that
/// share the file), the last occurrence handled, and the run history.
/// </summary>
/// <remarks>
/// A lease is taken with one conditional write, so of two instances racing for it exactly one wins; it expires
/// after its time to live, so a crashed holder does not block the schedule for ever. Each call opens its own
/// connection; this type is thread-safe.
/// </remarks>
public sealed class SqliteScheduleStore
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

    /// <summary>Takes the schedule's lease when it is free or expired.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="holder">Who takes it (an instance id).</param>
    /// <param name="now">The current time.</param>
    /// <param name="timeToLive">How long the lease lasts unless released.</param>
    /// <returns>True when this holder now has the lease.</returns>
    public bool TryAcquire(string schedule, string holder, DateTimeOffset now, TimeSpan timeToLive)
    {
        using var connection = Open();
        Execute(connection, "INSERT INTO batch_leases (schedule) VALUES ($s) ON CONFLICT (schedule) DO NOTHING", ("$s", schedule));
        return Execute(connection,
            "UPDATE batch_leases SET holder = $h, expires_at = $e WHERE schedule = $s AND (holder IS NULL OR expires_at <= $now)",
            ("$s", schedule), ("$h", holder), ("$e", (now + timeToLive).ToUnixTimeMilliseconds()),
            ("$now", now.ToUnixTimeMilliseconds())) == 1;
    }

    /// <summary>Releases the lease when this holder has it.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="holder">The holder.</param>
    public void Release(string schedule, string holder)
    {
        using var connection = Open();
        Execute(connection, "UPDATE batch_leases SET holder = NULL, expires_at = 0 WHERE schedule = $s AND holder = $h",
            ("$s", schedule), ("$h", holder));
    }

    /// <summary>Gets the last occurrence handled (run or skipped), or null before the first.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <returns>The occurrence.</returns>
    public DateTimeOffset? GetLastOccurrence(string schedule)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_occurrence FROM batch_leases WHERE schedule = $s";
        command.Parameters.AddWithValue("$s", schedule);
        return command.ExecuteScalar() is long ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Records an occurrence as handled and its run's outcome.</summary>
    /// <param name="run">The run.</param>
    public void Record(BatchRunRecord run)
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
    }

    /// <summary>Reads a schedule's run history, oldest first.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <returns>The runs.</returns>
    public IReadOnlyList<BatchRunRecord> ReadHistory(string schedule)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT occurrence, started_at, ended_at, outcome, message FROM batch_schedule_runs "
            + "WHERE schedule = $s ORDER BY occurrence";
        command.Parameters.AddWithValue("$s", schedule);
        using var reader = command.ExecuteReader();
        var runs = new List<BatchRunRecord>();
        while (reader.Read())
        {
            runs.Add(new BatchRunRecord(
                schedule, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return runs;
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
