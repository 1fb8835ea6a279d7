using AccountingSync.Audit;
using AccountingSync.Credentials;
using AccountingSync.Inbox;
using AccountingSync.Scheduling;
using AccountingSync.Storage.PostgreSql;
using AccountingSync.Storage.PostgreSql.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountingSync.DependencyInjection;

/// <summary>Registers the PostgreSQL stores with <c>services.AddAccountingSync(sync => sync.UsePostgreSql(...))</c>.</summary>
public static class UsePostgreSqlExtensions
{
    /// <summary>
    /// Keeps every store in one PostgreSQL schema: the four pipeline stores, plus <see cref="IInboxStore"/>,
    /// <see cref="IAuditStore"/>, <see cref="ITokenStore"/> and <see cref="IScheduleStore"/>. The schema is created
    /// or migrated once, when a store is first resolved; the options are validated at host start.
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
        return RegisterStores(builder);
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

    /// <summary>Keeps every store in a schema of the database an application-owned data source points at.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="dataSource">The data source; the application owns and disposes it.</param>
    /// <param name="schema">The schema; see <see cref="PostgreSqlStoreOptions.Schema"/> for the rules.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The schema name is not valid.</exception>
    public static AccountingSyncBuilder UsePostgreSql(
        this AccountingSyncBuilder builder, NpgsqlDataSource dataSource, string schema = PostgreSqlStoreOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!PostgreSqlStoreOptionsValidator.IsValidSchema(schema))
        {
            throw new ArgumentException(
                $"The schema '{schema}' is not valid: use lower-case letters, digits and underscores (at most 63).", nameof(schema));
        }

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => PostgreSqlSyncDatabase.OpenAsync(
            dataSource, schema, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PostgreSqlSyncDatabase>>()).GetAwaiter().GetResult());
        return RegisterStores(builder);
    }

    private static AccountingSyncBuilder RegisterStores(AccountingSyncBuilder builder)
    {
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IInboxStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Inbox));
        services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Audit));
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Tokens));
        services.Replace(ServiceDescriptor.Singleton<IScheduleStore>(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Schedules));
        return builder.UseStores(sp => sp.GetRequiredService<PostgreSqlSyncDatabase>().Stores);
    }
}
