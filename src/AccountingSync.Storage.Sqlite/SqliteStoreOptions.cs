using AccountingSync.Storage.Sqlite.Internal;

namespace AccountingSync.Storage.Sqlite;

/// <summary>Settings of the SQLite stores: where the database file is and how it is opened.</summary>
/// <remarks>
/// Validated when the database opens, and at host start when registered with
/// <c>UseSqlite</c> (<see cref="DependencyInjection.UseSqliteExtensions"/>).
/// Use the PostgreSQL package instead when several machines must share one state.
/// </remarks>
public sealed class SqliteStoreOptions
{
    /// <summary>The file name used when <see cref="DatabasePath"/> is not set.</summary>
    public const string DefaultFileName = "accountingsync.db";

    /// <summary>Gets or sets the path of the database file; created with its folder when missing.</summary>
    /// <value>Defaults to <c>accountingsync.db</c> in the current directory.</value>
    /// <remarks>
    /// Must be a file path; in-memory databases are not supported, because the stores exist to survive restarts.
    /// </remarks>
    public string DatabasePath { get; set; } = DefaultFileName;

    /// <summary>Gets or sets how hard a commit is synced to disk.</summary>
    /// <value>Defaults to <see cref="SqliteSynchronousMode.Normal"/>.</value>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>Gets or sets how long a statement waits for a lock another connection or process holds.</summary>
    /// <value>Defaults to 5 seconds.</value>
    /// <remarks>
    /// Between 1 millisecond and 10 minutes. When it runs out, the call fails with a
    /// <see cref="SqliteStoreException"/> naming the file.
    /// </remarks>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many idle read connections are kept open for reuse.</summary>
    /// <value>Defaults to 4.</value>
    /// <remarks>
    /// Between 1 and 64. Reads run in parallel on their own connections (WAL lets them proceed while a write
    /// commits); writes share one connection, one at a time, which is how SQLite works anyway.
    /// </remarks>
    public int MaxIdleReaders { get; set; } = 4;

    /// <summary>Gets or sets how many inbox ids are held in memory before they are merged into the id index.</summary>
    /// <remarks>Smaller in tests, so merges happen with few deliveries.</remarks>
    internal int InboxIndexMergeThreshold { get; set; } = InboxIdIndex.DefaultMergeThreshold;
}
