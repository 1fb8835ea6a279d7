using AccountingSync.Batch.Staging.Internal;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Staging;

/// <summary>An <see cref="IBatchStagingStore"/> in a SQLite file, for jobs that run on one machine.</summary>
/// <remarks>
/// <para>
/// The store owns the tables <c>batch_jobs</c>, <c>batch_rows</c>, <c>batch_failures</c>,
/// <c>batch_documents</c> and <c>batch_baselines</c> and creates them on first use; the file may hold other
/// stores' tables. Each session holds one connection (WAL, synchronous NORMAL) for the job's run. Rows are
/// written through one prepared statement with no secondary index; closing staging builds the index loading
/// reads through.
/// </para>
/// <para>
/// This is what <see cref="BatchJobOptions.StagingConnectionString"/> builds. Use the PostgreSQL store of
/// <c>AccountingSync.Batch.PostgreSql</c> when several machines share the staging. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class SqliteBatchStagingStore : IBatchStagingStore
{
    private readonly string _connectionString;

    /// <summary>Creates the store on a SQLite file.</summary>
    /// <param name="connectionString">The connection string, such as <c>Data Source=staging.db</c>; pooling is turned off.</param>
    /// <exception cref="ArgumentException">The connection string is empty or not a valid SQLite connection string.</exception>
    public SqliteBatchStagingStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(
                $"The staging connection string is not a valid SQLite connection string: {ex.Message}", nameof(connectionString), ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IBatchStagingSession> OpenSessionAsync(
        string jobId, string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(source);
        return await SqliteStagingSession.OpenAsync(_connectionString, jobId, source, cancellationToken).ConfigureAwait(false);
    }
}
