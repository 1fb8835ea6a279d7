using System.Runtime.CompilerServices;

namespace AccountingSync.Storage.Sqlite.Tests;

/// <summary>Opens a fresh file per store and remembers which database each store came from, to reopen it.</summary>
public sealed class SqliteStoreHost<TStore>(
    SqliteTestDatabase files, Func<SqliteSyncDatabase, TStore> select,
    SqliteSynchronousMode synchronous = SqliteSynchronousMode.Normal)
    where TStore : class
{
    private readonly ConditionalWeakTable<TStore, SqliteSyncDatabase> _databases = [];

    public Task<TStore> CreateAsync()
    {
        var path = files.NewPath();
        return Task.FromResult(Track(files.Open(path, Options(path))));
    }

    public Task<TStore> ReopenAsync(TStore store)
    {
        Assert.True(_databases.TryGetValue(store, out var database), "The store was not created by this host.");
        database.Dispose();
        return Task.FromResult(Track(files.Open(database.DatabasePath, Options(database.DatabasePath))));
    }

    private SqliteStoreOptions Options(string path) => new() { DatabasePath = path, Synchronous = synchronous };

    private TStore Track(SqliteSyncDatabase database)
    {
        var store = select(database);
        _databases.AddOrUpdate(store, database);
        return store;
    }
}
