using System.Runtime.CompilerServices;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>Opens a fresh schema per store and remembers which schema each store came from, to reopen it.</summary>
public sealed class PostgresStoreHost<TStore>(PostgresTestSchemas schemas, Func<PostgreSqlSyncDatabase, TStore> select)
    where TStore : class
{
    private readonly ConditionalWeakTable<TStore, string> _schemaOf = [];

    public async Task<TStore> CreateAsync() => Track(await schemas.OpenAsync(schemas.NewSchema()));

    /// <summary>Opens the schema again through a new database object, as a restarted instance would (migrating first).</summary>
    public async Task<TStore> ReopenAsync(TStore store)
    {
        Assert.True(_schemaOf.TryGetValue(store, out var schema), "The store was not created by this host.");
        return Track(await schemas.OpenAsync(schema));
    }

    private TStore Track(PostgreSqlSyncDatabase database)
    {
        var store = select(database);
        _schemaOf.AddOrUpdate(store, database.Schema);
        return store;
    }
}
