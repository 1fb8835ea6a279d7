using AccountingSync.Pipeline;
using AccountingSync.Storage.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>
/// One PostgreSQL schema holding every store of the SDK, shared safely by any number of instances.
/// </summary>
/// <remarks>
/// <para>
/// Opening creates or migrates the schema in one transaction under an advisory lock. A schema from a newer
/// package version is refused with <see cref="PostgreSqlSchemaVersionException"/>; an unreachable server with
/// <see cref="PostgreSqlStoreException"/>; both name the server, database and schema.
/// </para>
/// <para>
/// Idempotency keys and dedup ids are unique constraints (<c>ON CONFLICT DO NOTHING</c>), so instances that
/// commit the same outcome at once store it once. Checkpoints use optimistic concurrency on their revision.
/// Inbox claims use <c>FOR UPDATE SKIP LOCKED</c> with a lease, so a crashed instance's events are claimed
/// again when the lease expires. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class PostgreSqlSyncDatabase : IAsyncDisposable, IDisposable
{
    private readonly PgTarget _target;
    private readonly bool _ownsSource;

    private PostgreSqlSyncDatabase(PgTarget target, bool ownsSource)
    {
        _target = target;
        _ownsSource = ownsSource;
        Idempotency = new PostgreSqlIdempotencyStore(target);
        Deduplication = new PostgreSqlDeduplicationStore(target);
        Checkpoints = new PostgreSqlCheckpointStore(target);
        DeadLetters = new PostgreSqlDeadLetterStore(target);
        Inbox = new PostgreSqlInboxStore(target);
        Audit = new PostgreSqlAuditStore(target);
        Tokens = new PostgreSqlTokenStore(target);
        Schedules = new PostgreSqlScheduleStore(target);
        Stores = new SyncStores(Idempotency, Deduplication, Checkpoints, DeadLetters);
    }

    /// <summary>Gets the batch schedules' leases and run history, shared by every instance on this database.</summary>
    public PostgreSqlScheduleStore Schedules { get; }

    /// <summary>Gets the schema version this package writes; a schema with a higher one is refused.</summary>
    public static int SupportedSchemaVersion => PgSchema.CurrentVersion;

    /// <summary>Gets the schema the tables live in.</summary>
    public string Schema => _target.Schema;

    /// <summary>Gets the data source the stores use.</summary>
    public NpgsqlDataSource DataSource => _target.Source;

    /// <summary>Gets the idempotency store.</summary>
    public PostgreSqlIdempotencyStore Idempotency { get; }

    /// <summary>Gets the deduplication store.</summary>
    public PostgreSqlDeduplicationStore Deduplication { get; }

    /// <summary>Gets the checkpoint store.</summary>
    public PostgreSqlCheckpointStore Checkpoints { get; }

    /// <summary>Gets the dead-letter store.</summary>
    public PostgreSqlDeadLetterStore DeadLetters { get; }

    /// <summary>Gets the webhook inbox store.</summary>
    public PostgreSqlInboxStore Inbox { get; }

    /// <summary>Gets the audit store.</summary>
    public PostgreSqlAuditStore Audit { get; }

    /// <summary>Gets the OAuth token store.</summary>
    public PostgreSqlTokenStore Tokens { get; }

    /// <summary>Gets the four pipeline stores, for <see cref="SyncPipeline"/>.</summary>
    public SyncStores Stores { get; }

    /// <summary>Opens the stores on the database the options name, creating or migrating the schema.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock migrations are stamped with; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open database; disposing it disposes the data source it created.</returns>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it.</exception>
    /// <exception cref="PostgreSqlSchemaVersionException">The schema was written by a newer version of this package.</exception>
    /// <exception cref="PostgreSqlStoreException">The server cannot be reached or the schema cannot be created.</exception>
    public static async Task<PostgreSqlSyncDatabase> OpenAsync(
        PostgreSqlStoreOptions options, TimeProvider? timeProvider = null, ILogger<PostgreSqlSyncDatabase>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new PostgreSqlStoreOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PostgreSqlStoreOptions), validation.Failures);
        }

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (!options.ConnectionString!.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        var source = builder.Build();
        try
        {
            return await OpenCoreAsync(source, options.Schema, true, timeProvider, logger, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the stores on a data source the caller owns, creating or migrating the schema.</summary>
    /// <param name="dataSource">The data source; not disposed with the database.</param>
    /// <param name="schema">The schema; see <see cref="PostgreSqlStoreOptions.Schema"/> for the rules.</param>
    /// <param name="timeProvider">The clock migrations are stamped with; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open database.</returns>
    /// <exception cref="ArgumentException">The schema name is not valid.</exception>
    /// <exception cref="PostgreSqlSchemaVersionException">The schema was written by a newer version of this package.</exception>
    /// <exception cref="PostgreSqlStoreException">The server cannot be reached or the schema cannot be created.</exception>
    public static Task<PostgreSqlSyncDatabase> OpenAsync(
        NpgsqlDataSource dataSource, string schema = PostgreSqlStoreOptions.DefaultSchema, TimeProvider? timeProvider = null,
        ILogger<PostgreSqlSyncDatabase>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!PostgreSqlStoreOptionsValidator.IsValidSchema(schema))
        {
            throw new ArgumentException(
                $"The schema '{schema}' is not valid: use lower-case letters, digits and underscores (at most 63).", nameof(schema));
        }

        return OpenCoreAsync(dataSource, schema, false, timeProvider, logger, cancellationToken);
    }

    /// <summary>Disposes the data source, when this database created it.</summary>
    /// <returns>A task that completes when it is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsSource)
        {
            await _target.Source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the data source, when this database created it.</summary>
    public void Dispose()
    {
        if (_ownsSource)
        {
            _target.Source.Dispose();
        }
    }

    private static async Task<PostgreSqlSyncDatabase> OpenCoreAsync(
        NpgsqlDataSource source, string schema, bool ownsSource, TimeProvider? timeProvider,
        ILogger<PostgreSqlSyncDatabase>? logger, CancellationToken cancellationToken)
    {
        var log = (ILogger?)logger ?? NullLogger.Instance;
        var target = new PgTarget(source, schema);
        try
        {
            var (from, to) = await PgMigrator.MigrateAsync(source, target, timeProvider ?? TimeProvider.System, cancellationToken)
                .ConfigureAwait(false);
            if (from != to)
            {
                Log.Migrated(log, target.Database, schema, from, to);
            }

            Log.Opened(log, target.Database, schema, to);
            return new PostgreSqlSyncDatabase(target, ownsSource);
        }
        catch (NpgsqlException ex)
        {
            var error = new PostgreSqlStoreException(
                $"The PostgreSQL stores could not open schema '{schema}' in '{target.Database}': {ex.Message} " +
                "Check that the server is running and reachable, and that the user may create the schema.",
                target.Database, schema, ex);
            Log.OpenFailed(log, error, target.Database, schema);
            throw error;
        }
    }
}
