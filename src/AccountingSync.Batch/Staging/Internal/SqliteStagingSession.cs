using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// A job's session on its SQLite file: staged rows, failures, per-document load results, the job's checkpoint
/// and, for content-hash change detection, each job name's last loaded document hashes. One connection, held for
/// the run; every step that must survive a kill is one transaction. Not thread-safe: the job serialises calls.
/// </summary>
/// <remarks>
/// The writing steps run synchronously: the bundled SQLite has no asynchronous I/O, and the job overlaps them with
/// reading and mapping on another thread.
/// </remarks>
internal sealed partial class SqliteStagingSession : IBatchStagingSession
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS batch_jobs (
            job_id TEXT PRIMARY KEY, source TEXT NOT NULL, staged_through INTEGER NOT NULL DEFAULT 0,
            staging_complete INTEGER NOT NULL DEFAULT 0, loaded_through TEXT NOT NULL DEFAULT '',
            chunks_loaded INTEGER NOT NULL DEFAULT 0, baseline_published INTEGER NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE IF NOT EXISTS batch_rows (
            job_id TEXT NOT NULL, row_number INTEGER NOT NULL, group_key TEXT, content_hash BLOB NOT NULL,
            payload TEXT, status INTEGER NOT NULL, PRIMARY KEY (job_id, row_number)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS batch_failures (
            job_id TEXT NOT NULL, row_number INTEGER NOT NULL, seq INTEGER NOT NULL, column_name TEXT,
            value TEXT, rule TEXT NOT NULL, message TEXT NOT NULL, disposition INTEGER NOT NULL,
            PRIMARY KEY (job_id, row_number, seq)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS batch_documents (
            job_id TEXT NOT NULL, group_key TEXT NOT NULL, status INTEGER NOT NULL, target_id TEXT,
            message TEXT, row_count INTEGER NOT NULL, content_hash BLOB,
            PRIMARY KEY (job_id, group_key)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS batch_baselines (
            job_name TEXT NOT NULL, group_key TEXT NOT NULL, content_hash BLOB NOT NULL, job_id TEXT NOT NULL,
            PRIMARY KEY (job_name, group_key)) WITHOUT ROWID
        """,
    ];

    private readonly SqliteConnection _connection;
    private SqliteCommand? _stageRow;
    private SqliteCommand? _addFailure;

    private SqliteStagingSession(SqliteConnection connection) => _connection = connection;

    public string JobId { get; private init; } = string.Empty;

    public static async ValueTask<SqliteStagingSession> OpenAsync(
        string connectionString, string jobId, string source, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        var db = new SqliteStagingSession(connection) { JobId = jobId };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // WAL with NORMAL sync: a commit survives a process kill, and only a power cut can lose the last
            // ones, which a resume then redoes. A 16 MiB page cache (the default is 2 MiB) holds the staging
            // table's hot pages and the index builds' sort runs; temp files stay on disk so memory stays flat
            // however large the export.
            await db.ExecuteAsync(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; "
                + "PRAGMA cache_size = -16384;", cancellationToken).ConfigureAwait(false);
            await db.CheckLayoutAsync(cancellationToken).ConfigureAwait(false);
            foreach (var statement in Schema)
            {
                await db.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }

            using var insert = db.Command(
                "INSERT INTO batch_jobs (job_id, source) VALUES ($job, $source) ON CONFLICT (job_id) DO NOTHING");
            insert.Parameters.AddWithValue("$source", source);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Dispose()
    {
        _stageRow?.Dispose();
        _addFailure?.Dispose();
        _connection.Dispose();
    }

    internal SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$job", JobId);
        return command;
    }

    internal SqliteTransaction Begin() => _connection.BeginTransaction();

    /// <summary>Refuses a file staged by an earlier preview, whose tables lack the columns this one needs.</summary>
    private async ValueTask CheckLayoutAsync(CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) > 0 AND SUM(name = 'baseline_published') = 0 FROM pragma_table_info('batch_jobs')";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1)
        {
            throw new InvalidOperationException(
                "The staging database was written by an earlier version of AccountingSync.Batch and cannot be "
                + "resumed; finish the job with that version or point BatchJobOptions.StagingConnectionString "
                + "at a new file.");
        }
    }

    private async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
