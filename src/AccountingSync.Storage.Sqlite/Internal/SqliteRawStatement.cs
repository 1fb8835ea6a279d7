using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// A statement prepared straight on the native connection, for the one hot path where the ADO.NET layer costs
/// as much as SQLite's own work: the inbox insert that every accepted webhook waits for. Parameters are bound by
/// position, and text and blobs go in from spans without a managed copy.
/// </summary>
/// <remarks>
/// Used by one caller at a time, like the <see cref="SqliteHandle"/> that owns it; it runs inside whatever
/// transaction the connection has open. Errors come out as <see cref="SqliteException"/>, as from the driver,
/// so the pool's translation into <see cref="SqliteStoreException"/> still applies.
/// </remarks>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_database, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _database);
    }

    public void Bind(int position, string value) => Check(raw.sqlite3_bind_text(_statement, position, value));

    /// <summary>Binds UTF-8 text.</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> value) => Check(value.IsEmpty
        ? raw.sqlite3_bind_text(_statement, position, string.Empty)
        : raw.sqlite3_bind_text(_statement, position, value));

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    // An empty span has no address, and SQLite binds a null pointer as NULL rather than as an empty value.
    public void Bind(int position, ReadOnlySpan<byte> blob) => Check(blob.IsEmpty
        ? raw.sqlite3_bind_zeroblob(_statement, position, 0)
        : raw.sqlite3_bind_blob(_statement, position, blob));

    /// <summary>Runs a statement that returns no rows and makes it ready to run again.</summary>
    /// <returns>How many rows it inserted, changed or deleted.</returns>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                // Read while the failed step's message is still the connection's latest.
                SqliteException.ThrowExceptionForRC(rc, _database);
                throw new InvalidOperationException($"The statement returned rows (SQLite code {rc}) where none were expected.");
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a query of one integer column and makes it ready to run again.</summary>
    /// <returns>The first row's value, or null when there is no row.</returns>
    public long? QueryInt64()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_statement, 0);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a query of one integer column and makes it ready to run again.</summary>
    /// <param name="into">Receives every row's value.</param>
    public void QueryInt64s(ICollection<long> into)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                into.Add(raw.sqlite3_column_int64(_statement, 0));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Gets the row id of the connection's last successful insert.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_database);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _database);
}
