using AccountingSync.Checkpoints;
using AccountingSync.Storage.PostgreSql.Internal;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="ICheckpointStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// Optimistic concurrency: a save is one statement that succeeds only when the stored revision is the one the
/// caller read, so two instances running one stream cannot both advance it. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlCheckpointStore : ICheckpointStore
{
    private readonly PgTarget _target;
    private readonly string _getSql;
    private readonly string _createSql;
    private readonly string _advanceSql;

    internal PostgreSqlCheckpointStore(PgTarget target)
    {
        _target = target;
        _getSql = target.Sql("SELECT cursor, revision, updated_at FROM {schema}.checkpoints WHERE stream = $1");
        _createSql = target.Sql("""
            INSERT INTO {schema}.checkpoints (stream, cursor, revision, updated_at) VALUES ($1, $2, 1, $3)
            ON CONFLICT (stream) DO NOTHING
            """);
        _advanceSql = target.Sql("""
            UPDATE {schema}.checkpoints SET cursor = $2, revision = revision + 1, updated_at = $3
            WHERE stream = $1 AND revision = $4
            """);
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var command = _target.Source.CreateCommand(_getSql);
        command.Parameters.Bind(stream);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Checkpoint(stream, ReadString(reader, 0), reader.GetInt64(1), ReadTime(reader, 2))
            : null;
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> TrySaveAsync(
        string stream, string? cursor, long expectedRevision, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var command = _target.Source.CreateCommand(expectedRevision == 0 ? _createSql : _advanceSql);
        command.Parameters.Bind(stream);
        command.Parameters.BindNullable(cursor, NpgsqlDbType.Text);
        command.Parameters.Bind(savedAt.UtcTicks);
        if (expectedRevision != 0)
        {
            command.Parameters.Bind(expectedRevision);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
            ? new Checkpoint(stream, cursor, expectedRevision + 1, savedAt)
            : null;
    }
}
