using AccountingSync.Audit;
using AccountingSync.Credentials;
using AccountingSync.Inbox;
using AccountingSync.Storage.Sqlite;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.DependencyInjection;

/// <summary>Registers the SQLite stores with <c>services.AddAccountingSync(sync => sync.UseSqlite(...))</c>.</summary>
public static class UseSqliteExtensions
{
    /// <summary>
    /// Keeps every store in one SQLite file: the four pipeline stores, plus <see cref="IInboxStore"/>,
    /// <see cref="IAuditStore"/> and <see cref="ITokenStore"/>. The file is opened (and its schema migrated)
    /// once, when a store is first resolved; the options are validated at host start.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Sets the file path and other settings.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder UseSqlite(this AccountingSyncBuilder builder, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SqliteStoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SqliteSyncDatabase.Open(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteSyncDatabase>>()));
        services.Replace(ServiceDescriptor.Singleton<IInboxStore>(sp => sp.GetRequiredService<SqliteSyncDatabase>().Inbox));
        services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => sp.GetRequiredService<SqliteSyncDatabase>().Audit));
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => sp.GetRequiredService<SqliteSyncDatabase>().Tokens));
        return builder.UseStores(sp => sp.GetRequiredService<SqliteSyncDatabase>().Stores);
    }

    /// <summary>Keeps every store in one SQLite file, with default settings otherwise.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="database">
    /// The database file, as a path (<c>data/sync.db</c>) or a connection string naming it (<c>Data Source=sync.db</c>);
    /// created when missing.
    /// </param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder UseSqlite(this AccountingSyncBuilder builder, string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var path = SqliteLocation.ToPath(database);
        return builder.UseSqlite(options => options.DatabasePath = path);
    }
}
