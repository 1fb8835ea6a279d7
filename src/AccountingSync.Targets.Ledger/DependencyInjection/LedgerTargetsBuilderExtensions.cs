using AccountingSync.DependencyInjection;
using AccountingSync.Pipeline;
using AccountingSync.Targets.Ledger.GnuCash;
using AccountingSync.Targets.Ledger.Hledger;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountingSync.Targets.Ledger.DependencyInjection;

/// <summary>
/// Adds the ledger targets inside <c>services.AddAccountingSync(...)</c>, each with a pipeline under its name and
/// its options validated at start (named options, so two ledgers of one kind can live side by side).
/// </summary>
public static class LedgerTargetsBuilderExtensions
{
    /// <summary>Adds a SQL ledger in a SQLite database.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The target's name; also its options' name and its pipeline's.</param>
    /// <param name="connectionString">The SQLite connection string, such as <c>Data Source=books.db</c>.</param>
    /// <param name="configure">
    /// Configures the ledger's options; <see cref="SqlLedgerOptions.Name"/> is then set to <paramref name="name"/>.
    /// </param>
    /// <param name="pipeline">Configures the target's pipeline.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddSqliteLedger(
        this AccountingSyncBuilder builder, string name, string connectionString,
        Action<SqlLedgerOptions>? configure = null, Action<SyncPipelineOptions>? pipeline = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Register<SqlLedgerOptions, SqlLedgerOptionsValidator>(builder, name, o => o.Name = name, configure);
        return builder.AddTarget(name, sp => SqlLedgerTarget.ForSqlite(
            connectionString, Options<SqlLedgerOptions>(sp, name), sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SqlLedgerTarget>>()), pipeline);
    }

    /// <summary>Adds a SQL ledger in a PostgreSQL database.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The target's name; also its options' name and its pipeline's.</param>
    /// <param name="dataSource">Resolves the data source; the container or the caller owns it.</param>
    /// <param name="configure">
    /// Configures the ledger's options; <see cref="SqlLedgerOptions.Name"/> is then set to <paramref name="name"/>.
    /// </param>
    /// <param name="pipeline">Configures the target's pipeline.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddPostgreSqlLedger(
        this AccountingSyncBuilder builder, string name, Func<IServiceProvider, NpgsqlDataSource> dataSource,
        Action<SqlLedgerOptions>? configure = null, Action<SyncPipelineOptions>? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        Register<SqlLedgerOptions, SqlLedgerOptionsValidator>(builder, name, o => o.Name = name, configure);
        return builder.AddTarget(name, sp => SqlLedgerTarget.ForPostgreSql(
            dataSource(sp), Options<SqlLedgerOptions>(sp, name), sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SqlLedgerTarget>>()), pipeline);
    }

    /// <summary>Adds a GnuCash SQLite book.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The target's name; also its options' name and its pipeline's.</param>
    /// <param name="path">The book's path; created when missing.</param>
    /// <param name="configure">
    /// Configures the book's options; <see cref="GnuCashBookOptions.Name"/> is then set to <paramref name="name"/>.
    /// </param>
    /// <param name="pipeline">Configures the target's pipeline.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddGnuCashBook(
        this AccountingSyncBuilder builder, string name, string path,
        Action<GnuCashBookOptions>? configure = null, Action<SyncPipelineOptions>? pipeline = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Register<GnuCashBookOptions, GnuCashBookOptionsValidator>(builder, name, o => o.Name = name, configure);
        return builder.AddTarget(name, sp => new GnuCashBookTarget(
            path, Options<GnuCashBookOptions>(sp, name), sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<GnuCashBookTarget>>()), pipeline);
    }

    /// <summary>Adds an hledger journal.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The target's name; also its options' name and its pipeline's.</param>
    /// <param name="path">The journal's path; created on first write.</param>
    /// <param name="configure">
    /// Configures the journal's options; <see cref="HledgerJournalOptions.Name"/> is then set to <paramref name="name"/>.
    /// </param>
    /// <param name="pipeline">Configures the target's pipeline.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddHledgerJournal(
        this AccountingSyncBuilder builder, string name, string path,
        Action<HledgerJournalOptions>? configure = null, Action<SyncPipelineOptions>? pipeline = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Register<HledgerJournalOptions, HledgerJournalOptionsValidator>(builder, name, o => o.Name = name, configure);
        return builder.AddTarget(name, sp => new HledgerJournalTarget(
            path, Options<HledgerJournalOptions>(sp, name), sp.GetService<ILogger<HledgerJournalTarget>>()), pipeline);
    }

    private static void Register<TOptions, TValidator>(
        AccountingSyncBuilder builder, string name, Action<TOptions> naming, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = builder.Services.AddOptions<TOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The registration's name wins: pipelines are resolved by it, and idempotency keys are derived from it.
        options.PostConfigure(naming);

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static TOptions Options<TOptions>(IServiceProvider services, string name)
        where TOptions : class => services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
}
