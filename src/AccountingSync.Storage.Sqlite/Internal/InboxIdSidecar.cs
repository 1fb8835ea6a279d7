using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// The file beside the database that holds the inbox's merged index from event id hash to inbox sequence, and the
/// highest inbox sequence it covers. Derived data: <see cref="InboxIdIndex"/> rebuilds it from the inbox when it is
/// missing, unreadable, of an unknown layout, or ahead of the inbox.
/// </summary>
/// <remarks>
/// Two connections: one the merge thread writes through, one the duplicate check reads through (under the main
/// database's writer gate). WAL lets the check read while a merge writes; each lookup is its own short read, so
/// it sees a merge as soon as it commits.
/// </remarks>
internal sealed class InboxIdSidecar : IDisposable
{
    /// <summary>The layout this version writes, kept in the file's <c>user_version</c>.</summary>
    private const long Layout = 1;

    // The event id's hash alone (see InboxIdKey.HashOf), so a replay that names ids without a provider is a range
    // read too; rows of one hash are told apart by the inbox rows their sequences point to.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS inbox_ids (
            id_hash INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (id_hash, sequence)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inbox_ids_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            merged_through INTEGER NOT NULL);
        INSERT OR IGNORE INTO inbox_ids_state (id, merged_through) VALUES (1, 0);
        """;

    private const string LookupSql = "SELECT sequence FROM inbox_ids WHERE id_hash = ?1";
    private const string MergeSql = "INSERT OR IGNORE INTO inbox_ids (id_hash, sequence) VALUES (?1, ?2)";
    private const string MarkSql = "UPDATE inbox_ids_state SET merged_through = max(merged_through, ?1)";

    private readonly SqliteHandle _writer;
    private readonly SqliteHandle _reader;

    private InboxIdSidecar(string path, SqliteHandle writer, SqliteHandle reader)
    {
        Path = path;
        _writer = writer;
        _reader = reader;
    }

    /// <summary>Gets the sidecar file's path.</summary>
    public string Path { get; }

    /// <summary>Gets the sidecar path for a database file.</summary>
    public static string PathFor(string databasePath) => databasePath + "-inbox-ids";

    /// <summary>
    /// Opens the sidecar, creating it when missing; a file that is corrupt or of another layout is deleted and
    /// created empty.
    /// </summary>
    /// <returns>The sidecar, and whether it was created empty in place of an unusable file.</returns>
    public static (InboxIdSidecar Sidecar, bool Replaced) Open(string databasePath, TimeSpan busyTimeout)
    {
        var path = PathFor(databasePath);
        try
        {
            return (OpenFile(path, busyTimeout), false);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException)
        {
            Delete(path);
            return (OpenFile(path, busyTimeout), true);
        }
    }

    /// <summary>Deletes the sidecar's files.</summary>
    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Gets the highest inbox sequence whose id is in the sidecar, with every lower one.</summary>
    public long MergedThrough()
    {
        using var command = _writer.Connection.CreateCommand();
        command.CommandText = "SELECT merged_through FROM inbox_ids_state WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Empties the index, so it is rebuilt from the inbox.</summary>
    public void Clear() => _writer.Execute("DELETE FROM inbox_ids; UPDATE inbox_ids_state SET merged_through = 0;");

    /// <summary>
    /// Opens a read transaction for the lookups that follow, so a batch of them shares one snapshot and one
    /// acquisition of the log's shared-memory lock instead of one each (a system call pair per lookup).
    /// </summary>
    /// <remarks>The snapshot is taken at the first lookup, so it includes every merge committed before that.</remarks>
    public void BeginRead() => _reader.RawStatement("BEGIN").Execute();

    /// <summary>Ends the read transaction <see cref="BeginRead"/> opened, if one is open.</summary>
    public void EndRead()
    {
        if (raw.sqlite3_get_autocommit(_reader.Connection.Handle) == 0)
        {
            _reader.RawStatement("COMMIT").Execute();
        }
    }

    /// <summary>Adds the sequences filed under an event id hash. Called by one thread at a time.</summary>
    public void Find(long idHash, ICollection<long> into)
    {
        try
        {
            var lookup = _reader.RawStatement(LookupSql);
            lookup.Bind(1, idHash);
            lookup.QueryInt64s(into);
        }
        catch (SqliteException ex) when (SqliteErrors.Translate(ex, Path) is SqliteStoreException translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Adds entries, sorted by hash, and moves the covered sequence up to <paramref name="through"/>, in one
    /// transaction. Called by one thread at a time.
    /// </summary>
    public void Merge(ReadOnlySpan<(long IdHash, long Sequence)> sorted, long through)
    {
        using var transaction = _writer.Connection.BeginTransaction(deferred: false);
        var insert = _writer.RawStatement(MergeSql);
        foreach (var (idHash, sequence) in sorted)
        {
            insert.Bind(1, idHash);
            insert.Bind(2, sequence);
            insert.Execute();
        }

        var mark = _writer.RawStatement(MarkSql);
        mark.Bind(1, through);
        mark.Execute();
        transaction.Commit();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
    }

    private static InboxIdSidecar OpenFile(string path, TimeSpan busyTimeout)
    {
        // Synchronous NORMAL: a power cut may lose the last merges, which the next open redoes from the inbox.
        var opener = new SqliteOpener(path, new SqliteStoreOptions
        {
            DatabasePath = path, BusyTimeout = busyTimeout, Synchronous = SqliteSynchronousMode.Normal,
        });
        SqliteHandle? writer = null;
        SqliteHandle? reader = null;
        try
        {
            writer = opener.Open(readOnly: false);
            using (var transaction = writer.Connection.BeginTransaction(deferred: false))
            {
                using var version = writer.Connection.CreateCommand();
                version.Transaction = transaction;
                version.CommandText = "PRAGMA user_version";
                var found = (long)version.ExecuteScalar()!;
                if (found != 0 && found != Layout)
                {
                    throw new InvalidDataException($"The inbox id index '{path}' has layout {found}, not {Layout}.");
                }

                writer.Execute(Schema, transaction);
                writer.Execute($"PRAGMA user_version = {Layout}", transaction);
                transaction.Commit();
            }

            reader = opener.Open(readOnly: true);
            return new InboxIdSidecar(path, writer, reader);
        }
        catch
        {
            reader?.Dispose();
            writer?.Dispose();
            throw;
        }
    }
}
