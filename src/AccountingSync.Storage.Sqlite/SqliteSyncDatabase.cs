using AccountingSync.Pipeline;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccountingSync.Storage.Sqlite;

/// <summary>
/// One SQLite database file holding every store of the SDK: idempotency, deduplication, checkpoints, dead
/// letters, the webhook inbox, the audit log and OAuth tokens.
/// </summary>
/// <remarks>
/// <para>
/// Opening creates the file when missing, switches it to WAL, and creates or migrates the schema inside one
/// transaction. A file from a newer package version is refused with <see cref="SqliteSchemaVersionException"/>;
/// a corrupt, locked or unreadable file with <see cref="SqliteStoreException"/>; both name the file.
/// </para>
/// <para>
/// Writes go through one connection, one transaction at a time, each call's rows in one transaction; reads run
/// on pooled connections of their own. Use one instance per file per process. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class SqliteSyncDatabase : IDisposable, IAsyncDisposable
{
    private readonly SqliteConnectionPool _pool;
    private readonly InboxIdIndex _inboxIds;

    private SqliteSyncDatabase(SqliteConnectionPool pool, InboxIdIndex inboxIds, TimeProvider time)
    {
        _pool = pool;
        _inboxIds = inboxIds;
        Idempotency = new SqliteIdempotencyStore(pool);
        Deduplication = new SqliteDeduplicationStore(pool);
        Checkpoints = new SqliteCheckpointStore(pool);
        DeadLetters = new SqliteDeadLetterStore(pool);
        Inbox = new SqliteInboxStore(pool, inboxIds);
        Audit = new SqliteAuditStore(pool);
        Tokens = new SqliteTokenStore(pool);
        Stores = new SyncStores(Idempotency, Deduplication, Checkpoints, DeadLetters);
        TimeProvider = time;
    }

    /// <summary>Gets the schema version this package writes; a file with a higher one is refused.</summary>
    public static int SupportedSchemaVersion => SqliteSchema.CurrentVersion;

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath => _pool.Path;

    /// <summary>Gets the idempotency store.</summary>
    public SqliteIdempotencyStore Idempotency { get; }

    /// <summary>Gets the deduplication store.</summary>
    public SqliteDeduplicationStore Deduplication { get; }

    /// <summary>Gets the checkpoint store.</summary>
    public SqliteCheckpointStore Checkpoints { get; }

    /// <summary>Gets the dead-letter store.</summary>
    public SqliteDeadLetterStore DeadLetters { get; }

    /// <summary>Gets the webhook inbox store.</summary>
    public SqliteInboxStore Inbox { get; }

    /// <summary>Gets the audit store.</summary>
    public SqliteAuditStore Audit { get; }

    /// <summary>Gets the OAuth token store.</summary>
    public SqliteTokenStore Tokens { get; }

    /// <summary>Gets the four pipeline stores, for <see cref="SyncPipeline"/>.</summary>
    public SyncStores Stores { get; }

    /// <summary>Gets the clock the database stamps its migrations with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Opens (creating or migrating as needed) the database the options name.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The open database.</returns>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it.</exception>
    /// <exception cref="SqliteSchemaVersionException">The file was written by a newer version of this package.</exception>
    /// <exception cref="SqliteStoreException">The file is corrupt, locked, or cannot be opened.</exception>
    public static SqliteSyncDatabase Open(
        SqliteStoreOptions options, TimeProvider? timeProvider = null, ILogger<SqliteSyncDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteStoreOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStoreOptions), validation.Failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        var path = Path.GetFullPath(options.DatabasePath);
        var opener = new SqliteOpener(path, options);
        SqliteHandle? writer = null;
        InboxIdIndex? inboxIds = null;
        try
        {
            writer = opener.Open(readOnly: false);
            var (from, to) = SqliteMigrator.Migrate(writer, path, time);
            if (from != to)
            {
                Log.Migrated(log, path, from, to);
            }

            inboxIds = InboxIdIndex.Open(writer, path, options.BusyTimeout, options.InboxIndexMergeThreshold, time, log);
            Log.Opened(log, path, to, options.Synchronous);
            var groupSync = options.Synchronous == SqliteSynchronousMode.Grouped ? new WalGroupSync(path) : null;
            var pool = new SqliteConnectionPool(path, opener.Open, writer, options.MaxIdleReaders, groupSync);
            return new SqliteSyncDatabase(pool, inboxIds, time);
        }
        catch (SqliteException ex)
        {
            inboxIds?.Dispose();
            writer?.Dispose();
            var translated = SqliteErrors.Translate(ex, path);
            Log.OpenFailed(log, translated, path);
            if (ReferenceEquals(translated, ex))
            {
                throw new SqliteStoreException($"The SQLite database '{path}' could not be opened: {ex.Message}", path, ex);
            }

            throw translated;
        }
        catch
        {
            inboxIds?.Dispose();
            writer?.Dispose();
            throw;
        }
    }

    /// <summary>Opens a database with default settings.</summary>
    /// <param name="databasePath">The database file, as a path or a connection string naming it (<c>Data Source=sync.db</c>).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <returns>The open database.</returns>
    /// <exception cref="SqliteSchemaVersionException">The file was written by a newer version of this package.</exception>
    /// <exception cref="SqliteStoreException">The file is corrupt, locked, or cannot be opened.</exception>
    public static SqliteSyncDatabase Open(string databasePath, TimeProvider? timeProvider = null) =>
        Open(new SqliteStoreOptions { DatabasePath = SqliteLocation.ToPath(databasePath ?? string.Empty) }, timeProvider);

    /// <summary>Reads a pragma as the writer connection sees it, for tests of the connection settings.</summary>
    internal ValueTask<object?> WriterPragmaAsync(string pragma) =>
        _pool.WriteAsync(pragma, static (handle, pragma) =>
        {
            using var command = handle.Connection.CreateCommand();
            command.CommandText = "PRAGMA " + pragma;
            return command.ExecuteScalar();
        }, CancellationToken.None);

    /// <summary>Gets the inbox's id index, for tests.</summary>
    internal InboxIdIndex InboxIds => _inboxIds;

    /// <summary>Closes every connection, after the write in progress.</summary>
    public void Dispose()
    {
        _pool.Dispose();
        _inboxIds.Dispose();
    }

    /// <summary>Closes every connection, after the write in progress.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
