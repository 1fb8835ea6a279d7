using System.Text.RegularExpressions;
using AccountingSync.Batch.PostgreSql.Internal;
using AccountingSync.Batch.Staging;
using AccountingSync.Storage.PostgreSql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AccountingSync.Batch.PostgreSql;

/// <summary>
/// An <see cref="IBatchStagingStore"/> in PostgreSQL: batch jobs' staged rows, failures, load results,
/// checkpoints and change-detection baselines in one schema that any number of instances may share.
/// </summary>
/// <remarks>
/// <para>
/// Opening creates or migrates the tables (<c>batch_jobs</c>, <c>batch_rows</c>, <c>batch_failures</c>,
/// <c>batch_documents</c>, <c>batch_baselines</c>, versioned in <c>batch_schema_version</c>) in one transaction
/// under an advisory lock; they may share a schema with the stores of <see cref="PostgreSqlSyncDatabase"/>.
/// Tables from a newer package are refused with <see cref="PostgreSqlStagingSchemaVersionException"/>; a server
/// that cannot be reached, or a step that fails, with <see cref="PostgreSqlStoreException"/> naming the server,
/// schema and job.
/// </para>
/// <para>
/// Rows are keyed by job id, and baselines by job name. A chunk of rows travels by binary <c>COPY</c> in the
/// transaction that moves its checkpoint; the duplicate pass is set-based SQL; documents are read by key range
/// over an index. Sessions take pooled connections from the data source for each step. Behaves as
/// <see cref="SqliteBatchStagingStore"/> does, call for call. This type is thread-safe; its sessions are not.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlBatchStagingStore : IBatchStagingStore, IAsyncDisposable, IDisposable
{
    private readonly bool _ownsSource;

    private PostgreSqlBatchStagingStore(StagingTarget target, bool ownsSource)
    {
        Target = target;
        Sql = new StagingSql(target);
        _ownsSource = ownsSource;
    }

    /// <summary>Gets the staging schema version this package writes; higher versions are refused.</summary>
    public static int SupportedSchemaVersion => StagingSchema.CurrentVersion;

    /// <summary>Gets the schema the tables live in.</summary>
    public string Schema => Target.Schema;

    /// <summary>Gets the data source the sessions use.</summary>
    public NpgsqlDataSource DataSource => Target.Source;

    internal StagingTarget Target { get; }

    internal StagingSql Sql { get; }

    /// <summary>Opens the store on the database the options name, creating or migrating its tables.</summary>
    /// <param name="options">The connection string and schema; the same settings as the other PostgreSQL stores.</param>
    /// <param name="timeProvider">The clock migrations are stamped with; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store; disposing it disposes the data source it created.</returns>
    /// <exception cref="ArgumentException">The connection string is missing or invalid, or the schema name is invalid.</exception>
    /// <exception cref="PostgreSqlStagingSchemaVersionException">The tables were written by a newer version of this package.</exception>
    /// <exception cref="PostgreSqlStoreException">The server cannot be reached or the tables cannot be created.</exception>
    public static async Task<PostgreSqlBatchStagingStore> OpenAsync(
        PostgreSqlStoreOptions options, TimeProvider? timeProvider = null, ILogger<PostgreSqlBatchStagingStore>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is required.", nameof(options));
        }

        CheckSchema(options.Schema, nameof(options));
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            // The driver's message may quote the string; only the kind of error is kept, never the password.
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.ConnectionString is not a valid Npgsql connection string ({ex.GetType().Name}).",
                nameof(options));
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

    /// <summary>Opens the store on a data source the caller owns, creating or migrating its tables.</summary>
    /// <param name="dataSource">
    /// The data source, such as <see cref="PostgreSqlSyncDatabase.DataSource"/>; not disposed with the store.
    /// </param>
    /// <param name="schema">The schema; see <see cref="PostgreSqlStoreOptions.Schema"/> for the rules.</param>
    /// <param name="timeProvider">The clock migrations are stamped with; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">The schema name is not valid.</exception>
    /// <exception cref="PostgreSqlStagingSchemaVersionException">The tables were written by a newer version of this package.</exception>
    /// <exception cref="PostgreSqlStoreException">The server cannot be reached or the tables cannot be created.</exception>
    public static Task<PostgreSqlBatchStagingStore> OpenAsync(
        NpgsqlDataSource dataSource, string schema = PostgreSqlStoreOptions.DefaultSchema, TimeProvider? timeProvider = null,
        ILogger<PostgreSqlBatchStagingStore>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        CheckSchema(schema, nameof(schema));
        return OpenCoreAsync(dataSource, schema, false, timeProvider, logger, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlStoreException">The job's record cannot be read or created.</exception>
    public async ValueTask<IBatchStagingSession> OpenSessionAsync(
        string jobId, string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using var insert = Target.Source.CreateCommand(Sql.OpenJob);
            insert.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = jobId });
            insert.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = source });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Target.Failure("open the job", jobId, ex);
        }

        return new PostgreSqlStagingSession(this, jobId);
    }

    /// <summary>Disposes the data source, when this store created it.</summary>
    /// <returns>A task that completes when it is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsSource)
        {
            await Target.Source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the data source, when this store created it.</summary>
    public void Dispose()
    {
        if (_ownsSource)
        {
            Target.Source.Dispose();
        }
    }

    private static void CheckSchema(string? schema, string parameter)
    {
        if (schema is null || !SchemaPattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"The schema '{schema}' is not valid: use lower-case letters, digits and underscores, starting with a letter "
                + "or underscore (at most 63).", parameter);
        }
    }

    private static async Task<PostgreSqlBatchStagingStore> OpenCoreAsync(
        NpgsqlDataSource source, string schema, bool ownsSource, TimeProvider? timeProvider,
        ILogger<PostgreSqlBatchStagingStore>? logger, CancellationToken cancellationToken)
    {
        var log = (ILogger?)logger ?? NullLogger.Instance;
        var target = new StagingTarget(source, schema);
        try
        {
            var (from, to) = await StagingMigrator.MigrateAsync(source, target, timeProvider ?? TimeProvider.System, cancellationToken)
                .ConfigureAwait(false);
            if (from != to)
            {
                Log.Migrated(log, target.Database, schema, from, to);
            }

            Log.Opened(log, target.Database, schema, to);
            return new PostgreSqlBatchStagingStore(target, ownsSource);
        }
        catch (NpgsqlException ex)
        {
            var error = new PostgreSqlStoreException(
                $"The PostgreSQL batch staging could not open schema '{schema}' in '{target.Database}': {ex.Message} "
                + "Check that the server is running and reachable, and that the user may create the schema and tables.",
                target.Database, schema, ex);
            Log.OpenFailed(log, error, target.Database, schema);
            throw error;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
