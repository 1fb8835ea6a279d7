using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Tests.Internal;

/// <summary>The native statement the inbox insert runs on: binding, counting changes, and failing as the driver does.</summary>
public sealed class SqliteRawStatementTests : IDisposable
{
    private readonly SqliteTestDatabase _files = new();
    private readonly SqliteConnection _connection;

    public SqliteRawStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={_files.NewPath()};Pooling=False");
        _connection.Open();
        using var ddl = _connection.CreateCommand();
        ddl.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0), v TEXT NOT NULL, b BLOB NOT NULL)";
        ddl.ExecuteNonQuery();
    }

    [Fact]
    public void Execute_InsertThenConflict_CountsOneChangeThenNone()
    {
        using var insert = new SqliteRawStatement(_connection, "INSERT INTO t VALUES (?1, ?2, ?3, ?4) ON CONFLICT (k) DO NOTHING");

        Assert.Equal(1, Insert(insert, "a", 1, "{\"é\":\"x\"}"u8, [1, 2]));
        var rowId = insert.LastInsertRowId;
        Assert.Equal(0, Insert(insert, "a", 2, "{}"u8, [3]));
        Assert.Equal(1, Insert(insert, "b", 3, ReadOnlySpan<byte>.Empty, []));

        Assert.True(insert.LastInsertRowId > rowId);
        Assert.Equal(("{\"é\":\"x\"}", 2L), Row("a"));
        Assert.Equal(("", 0L), Row("b"));
    }

    [Fact]
    public void Execute_ConstraintFails_ThrowsTheDriversErrorAndStaysUsable()
    {
        using var insert = new SqliteRawStatement(_connection, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)");

        var error = Assert.Throws<SqliteException>(() => Insert(insert, "a", -1, "x"u8, [1]));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("CHECK constraint failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Insert(insert, "a", 1, "x"u8, [1]));
    }

    [Fact]
    public void Constructor_BadSql_ThrowsTheDriversError()
    {
        var error = Assert.Throws<SqliteException>(() => new SqliteRawStatement(_connection, "INSERT INTO missing VALUES (?1)"));

        Assert.Contains("no such table: missing", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _files.Dispose();
    }

    private static int Insert(SqliteRawStatement insert, string key, long n, ReadOnlySpan<byte> utf8, byte[] blob)
    {
        insert.Bind(1, key);
        insert.Bind(2, n);
        insert.BindUtf8(3, utf8);
        insert.Bind(4, blob);
        return insert.Execute();
    }

    private (string Text, long BlobLength) Row(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT v, length(b) FROM t WHERE k = $k";
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetInt64(1));
    }
}
