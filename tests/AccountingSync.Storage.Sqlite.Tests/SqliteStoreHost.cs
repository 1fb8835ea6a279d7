using System.Runtime.CompilerServices;

namespace AccountingSync.Storage.Sqlite.Tests;

/// <summary>Opens a fresh file per store and remembers which database each store came from, to reopen it.</summary>
public sealed class SqliteStoreHost<TStore>(SqliteTestDatabase files, Func<SqliteSyncDatabase, TStore> select)
    where TStore : class
{
    private readonly ConditionalWeakTable<TStore, SqliteSyncDatabase> _databases = [];

    public Task<TStore> CreateAsync() => Task.FromResult(Track(files.Open(files.NewPath())));

    public Task<TStore> ReopenAsync(TStore store)
    {
        Assert.True(_databases.TryGetValue(store, out var database), "The store was not created by this host.");
        return Task.FromResult(Track(files.Reopen(database)));
    }

    private TStore Track(SqliteSyncDatabase database)
    {
        var store = select(database);
        _databases.AddOrUpdate(store, database);
        return store;
    }
}
