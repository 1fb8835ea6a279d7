namespace AccountingSync.Storage.Sqlite.Tests;

/// <summary>A fresh database file in a folder of its own, deleted with the folder when the test class ends.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly List<SqliteSyncDatabase> _open = [];

    public SqliteTestDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("accountingsync-sqlite-").FullName;
    }

    public string Folder { get; }

    public string NewPath() => Path.Combine(Folder, $"{Guid.NewGuid():N}.db");

    public SqliteSyncDatabase Open(string path, SqliteStoreOptions? options = null)
    {
        var database = SqliteSyncDatabase.Open(options ?? new SqliteStoreOptions { DatabasePath = path });
        lock (_open)
        {
            _open.Add(database);
        }

        return database;
    }

    /// <summary>Closes a database and opens the same file again, as a restarted process would.</summary>
    public SqliteSyncDatabase Reopen(SqliteSyncDatabase database)
    {
        database.Dispose();
        return Open(database.DatabasePath);
    }

    public void Dispose()
    {
        foreach (var database in _open)
        {
            database.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a crashed test; the temp folder is cleaned by the system later.
        }
    }
}
