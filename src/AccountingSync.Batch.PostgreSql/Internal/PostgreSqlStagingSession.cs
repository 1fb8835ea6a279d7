using System.Runtime.CompilerServices;
using AccountingSync.Batch.Staging;
using Npgsql;
using NpgsqlTypes;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>
/// One job's staging in PostgreSQL. Holds no connection between steps: each step takes a pooled one, so a
/// dropped connection costs the step it hit, never the session. Not thread-safe: the job serialises calls.
/// </summary>
internal sealed partial class PostgreSqlStagingSession(PostgreSqlBatchStagingStore store, string jobId) : IBatchStagingSession
{
    private readonly StagingTarget _target = store.Target;
    private readonly StagingSql _sql = store.Sql;

    public string JobId { get; } = jobId;

    public async ValueTask<JobCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var command = _target.Source.CreateCommand(_sql.ReadCheckpoint);
            command.Parameters.Add(Job());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL batch staging has no record of job '{JobId}' in schema '{_target.Schema}'; "
                    + "it was deleted while the job's session was open.");
            }

            return new JobCheckpoint(
                reader.GetInt64(0), reader.GetBoolean(1), reader.GetString(2), reader.GetInt64(3), reader.GetBoolean(4));
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure("read the checkpoint", JobId, ex);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private NpgsqlParameter<string> Job() => Value(JobId);

    /// <summary>Opens a pooled connection; a server that cannot be reached fails the step that needed it.</summary>
    private async ValueTask<NpgsqlConnection> OpenAsync(string step, CancellationToken cancellationToken)
    {
        try
        {
            return await _target.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }
    }

    /// <summary>Streams a query's rows; the enumeration holds its connection until it ends.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, string step, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(step, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Job());
        bind(command.Parameters);
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }

        await using var readerScope = reader.ConfigureAwait(false);
        while (true)
        {
            T item;
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                item = read(reader);
            }
            catch (NpgsqlException ex)
            {
                throw _target.Failure(step, JobId, ex);
            }

            yield return item;
        }
    }
}
