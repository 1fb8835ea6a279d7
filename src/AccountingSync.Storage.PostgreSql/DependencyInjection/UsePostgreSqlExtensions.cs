using AccountingSync.Audit;
using AccountingSync.Credentials;
using AccountingSync.Inbox;
using AccountingSync.Storage.PostgreSql;
using AccountingSync.Storage.PostgreSql.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.DependencyInjection;

/// <summary>Registers the PostgreSQL stores with <c>services.AddAccountingSync(sync => sync.UsePostgreSql(...))</c>.</summary>
public static class UsePostgreSqlExtensions
{
    /// <summary>
    /// Keeps every store in one PostgreSQL schema: the four pipeline stores, plus <see cref="IInboxStore"/>,
    /// <see cref="IAuditStore"/> and <see cref="ITokenStore"/>. The schema is created or migrated once, when a
    /// store is first resolved; the options are validated at host start.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Sets the connection string and schema.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder UsePostgreSql(this AccountingSyncBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Opening migrates the schema, which is I/O; the container's factories are synchronous, and this runs
        // once per process, before the first store is used.
        services.TryAddSingleton(sp => PostgreSqlSyncDatabase.OpenAsync(
            sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PostgreSqlSyncDatabase>>()).GetAwaiter().GetResult());
        services.Replace(ServiceDescriptor.Singleton<IInboxStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Inbox));
        services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Audit));
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Tokens));
        return builder.UseStores(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Stores);
    }

    /// <summary>Keeps every store in the default schema of the database a connection string names.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder UsePostgreSql(this AccountingSyncBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSql(options => options.ConnectionString = connectionString);
    }
}
