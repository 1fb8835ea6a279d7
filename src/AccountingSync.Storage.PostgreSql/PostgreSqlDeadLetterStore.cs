using System.Text;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Storage.PostgreSql.Internal;
using AccountingSync.Validation;
using Npgsql;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="IDeadLetterStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// A record failing again updates its one row with the rule of <see cref="DeadLetterMerge"/>, in one upsert,
/// even when instances add it at once. Queries filter in SQL on indexed columns; the reason's case-insensitive
/// match uses the SDK's own comparison so it agrees with every other store. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlDeadLetterStore : IDeadLetterStore
{
    private const string Columns = """
        key, stream, target, system, entity_type, entity_id, version_kind, version_ordinal, version_tag, operation,
        event_id, payload_type, payload, reason, error_class, problems, attempts, first_failed_at, last_failed_at
        """;

    private readonly PgTarget _target;
    private readonly string _addSql;
    private readonly string _removeSql;
    private readonly string _countSql;

    internal PostgreSqlDeadLetterStore(PgTarget target)
    {
        _target = target;
        _addSql = target.Sql($$"""
            INSERT INTO {schema}.dead_letters AS d ({{Columns}})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (key) DO UPDATE SET
                stream = excluded.stream, target = excluded.target, system = excluded.system,
                entity_type = excluded.entity_type, entity_id = excluded.entity_id,
                version_kind = excluded.version_kind, version_ordinal = excluded.version_ordinal,
                version_tag = excluded.version_tag, operation = excluded.operation, event_id = excluded.event_id,
                payload_type = excluded.payload_type, payload = excluded.payload, reason = excluded.reason,
                error_class = excluded.error_class, problems = excluded.problems,
                attempts = d.attempts + excluded.attempts,
                first_failed_at = least(d.first_failed_at, excluded.first_failed_at),
                last_failed_at = greatest(d.last_failed_at, excluded.last_failed_at)
            """);
        _removeSql = target.Sql("DELETE FROM {schema}.dead_letters WHERE key = ANY($1)");
        _countSql = target.Sql("SELECT count(*) FROM {schema}.dead_letters");
    }

    /// <inheritdoc />
    public async ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var command = _target.Source.CreateCommand(_addSql);
        var p = command.Parameters;
        p.Bind(ToBytes(letter.Key));
        p.Bind(letter.Stream);
        p.Bind(letter.Target);
        p.Bind(letter.Entity.System);
        p.Bind(letter.Entity.EntityType);
        p.Bind(letter.Entity.Id);
        p.Bind((short)letter.Version.Kind);
        p.Bind(letter.Version.Ordinal);
        p.BindNullable(letter.Version.Tag, NpgsqlDbType.Text);
        p.Bind((short)letter.Operation);
        p.BindNullable(letter.EventId, NpgsqlDbType.Text);
        p.BindNullable(letter.PayloadType, NpgsqlDbType.Text);
        p.BindNullable(letter.Payload, NpgsqlDbType.Text);
        p.Bind(letter.Reason);
        p.Bind((int)letter.ErrorClass);
        p.Bind(JsonSerializer.Serialize(letter.Problems));
        p.Bind(letter.Attempts);
        p.Bind(letter.FirstFailedAt.UtcTicks);
        p.Bind(letter.LastFailedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _target.Source.CreateCommand();
        var sql = new StringBuilder(_target.Sql($"SELECT {Columns} FROM {{schema}}.dead_letters WHERE true"));
        var p = command.Parameters;
        if (query.Stream is not null)
        {
            p.Bind(query.Stream);
            sql.Append(" AND stream = $").Append(p.Count);
        }

        if (query.ErrorClass is { } errorClass)
        {
            p.Bind((int)errorClass);
            sql.Append(" AND error_class = $").Append(p.Count);
        }

        if (query.Entity is { } entity)
        {
            p.Bind(entity.System);
            p.Bind(entity.EntityType);
            p.Bind(entity.Id);
            sql.Append(" AND system = $").Append(p.Count - 2).Append(" AND entity_type = $").Append(p.Count - 1)
                .Append(" AND entity_id = $").Append(p.Count);
        }

        if (query.EntityType is not null)
        {
            p.Bind(query.EntityType);
            sql.Append(" AND entity_type = $").Append(p.Count);
        }

        sql.Append(" ORDER BY first_failed_at, key");
        if (query.ReasonContains is null)
        {
            p.Bind(query.Limit);
            sql.Append(" LIMIT $").Append(p.Count);
        }

        command.CommandText = sql.ToString();
        var letters = new List<DeadLetter>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (letters.Count < query.Limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var letter = Read(reader);
            if (query.Matches(letter))
            {
                letters.Add(letter);
            }
        }

        return letters;
    }

    /// <inheritdoc />
    public async ValueTask<int> RemoveAsync(IReadOnlyCollection<IdempotencyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        using var command = _target.Source.CreateCommand(_removeSql);
        command.Parameters.Bind(keys.Select(ToBytes).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_countSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static DeadLetter Read(NpgsqlDataReader reader) => new()
    {
        Key = ReadKey(reader, 0),
        Stream = reader.GetString(1),
        Target = reader.GetString(2),
        Entity = new SourceIdentity(reader.GetString(3), reader.GetString(4), reader.GetString(5)),
        Version = ReadVersion(reader, 6),
        Operation = (ChangeOperation)reader.GetInt16(9),
        EventId = ReadString(reader, 10),
        PayloadType = ReadString(reader, 11),
        Payload = ReadString(reader, 12),
        Reason = reader.GetString(13),
        ErrorClass = (ErrorClass)reader.GetInt32(14),
        Problems = JsonSerializer.Deserialize<ValidationProblem[]>(reader.GetString(15)) ?? [],
        Attempts = reader.GetInt32(16),
        FirstFailedAt = ReadTime(reader, 17),
        LastFailedAt = ReadTime(reader, 18),
    };
}
