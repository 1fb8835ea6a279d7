using System.Text;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Storage.Sqlite.Internal;
using AccountingSync.Validation;
using Microsoft.Data.Sqlite;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="IDeadLetterStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// A record failing again updates its one row with the rule of <see cref="DeadLetterMerge"/>, in one upsert.
/// Queries filter in SQL on indexed columns; the reason's case-insensitive match is applied with the SDK's own
/// comparison so it agrees with every other store. This type is thread-safe.
/// </remarks>
public sealed class SqliteDeadLetterStore : IDeadLetterStore
{
    private const string Columns = """
        key, stream, target, system, entity_type, entity_id, version_kind, version_ordinal, version_tag, operation,
        event_id, payload_type, payload, reason, error_class, problems, attempts, first_failed_at, last_failed_at
        """;

    private const string AddSql = $"""
        INSERT INTO dead_letters ({Columns})
        VALUES ($key, $stream, $target, $system, $type, $id, $kind, $ordinal, $tag, $operation, $eventId,
            $payloadType, $payload, $reason, $errorClass, $problems, $attempts, $first, $last)
        ON CONFLICT (key) DO UPDATE SET
            stream = excluded.stream, target = excluded.target, system = excluded.system,
            entity_type = excluded.entity_type, entity_id = excluded.entity_id, version_kind = excluded.version_kind,
            version_ordinal = excluded.version_ordinal, version_tag = excluded.version_tag,
            operation = excluded.operation, event_id = excluded.event_id, payload_type = excluded.payload_type,
            payload = excluded.payload, reason = excluded.reason, error_class = excluded.error_class,
            problems = excluded.problems, attempts = dead_letters.attempts + excluded.attempts,
            first_failed_at = min(dead_letters.first_failed_at, excluded.first_failed_at),
            last_failed_at = max(dead_letters.last_failed_at, excluded.last_failed_at)
        """;

    private static readonly string[] AddParameters =
    [
        "$key", "$stream", "$target", "$system", "$type", "$id", "$kind", "$ordinal", "$tag", "$operation", "$eventId",
        "$payloadType", "$payload", "$reason", "$errorClass", "$problems", "$attempts", "$first", "$last",
    ];

    private readonly SqliteConnectionPool _pool;

    internal SqliteDeadLetterStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public async ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        cancellationToken.ThrowIfCancellationRequested();
        await _pool.WriteAsync(letter, static (handle, letter) =>
        {
            var command = handle.Command(AddSql, null, AddParameters);
            var p = command.Parameters;
            p[0].Value = ToBlob(letter.Key);
            p[1].Value = letter.Stream;
            p[2].Value = letter.Target;
            p[3].Value = letter.Entity.System;
            p[4].Value = letter.Entity.EntityType;
            p[5].Value = letter.Entity.Id;
            p[6].Value = (int)letter.Version.Kind;
            p[7].Value = letter.Version.Ordinal;
            p[8].Value = Nullable(letter.Version.Tag);
            p[9].Value = (int)letter.Operation;
            p[10].Value = Nullable(letter.EventId);
            p[11].Value = Nullable(letter.PayloadType);
            p[12].Value = Nullable(letter.Payload);
            p[13].Value = letter.Reason;
            p[14].Value = (int)letter.ErrorClass;
            p[15].Value = JsonSerializer.Serialize(letter.Problems);
            p[16].Value = letter.Attempts;
            p[17].Value = letter.FirstFailedAt.UtcTicks;
            p[18].Value = letter.LastFailedAt.UtcTicks;
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(query, static (handle, query) =>
        {
            // Filters differ per call, so this statement is built each time rather than cached.
            using var command = handle.Connection.CreateCommand();
            var sql = new StringBuilder($"SELECT {Columns} FROM dead_letters WHERE 1 = 1");
            if (query.Stream is not null)
            {
                sql.Append(" AND stream = $stream");
                command.Parameters.AddWithValue("$stream", query.Stream);
            }

            if (query.ErrorClass is { } errorClass)
            {
                sql.Append(" AND error_class = $errorClass");
                command.Parameters.AddWithValue("$errorClass", (int)errorClass);
            }

            if (query.Entity is { } entity)
            {
                sql.Append(" AND system = $system AND entity_type = $type AND entity_id = $id");
                command.Parameters.AddWithValue("$system", entity.System);
                command.Parameters.AddWithValue("$type", entity.EntityType);
                command.Parameters.AddWithValue("$id", entity.Id);
            }

            if (query.EntityType is not null)
            {
                sql.Append(" AND entity_type = $entityType");
                command.Parameters.AddWithValue("$entityType", query.EntityType);
            }

            sql.Append(" ORDER BY first_failed_at, key");
            if (query.ReasonContains is null)
            {
                sql.Append(" LIMIT $limit");
                command.Parameters.AddWithValue("$limit", query.Limit);
            }

            command.CommandText = sql.ToString();
            var letters = new List<DeadLetter>();
            using var reader = command.ExecuteReader();
            while (letters.Count < query.Limit && reader.Read())
            {
                var letter = Read(reader);
                if (query.Matches(letter))
                {
                    letters.Add(letter);
                }
            }

            return (IReadOnlyList<DeadLetter>)letters;
        }));
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveAsync(IReadOnlyCollection<IdempotencyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync(keys, static (handle, keys) =>
        {
            using var transaction = handle.Connection.BeginTransaction(deferred: false);
            var command = handle.Command("DELETE FROM dead_letters WHERE key = $key", transaction, "$key");
            var removed = 0;
            foreach (var key in keys)
            {
                command.Parameters[0].Value = ToBlob(key);
                removed += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return removed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(0, static (handle, _) =>
            (long)handle.Command("SELECT count(*) FROM dead_letters", null).ExecuteScalar()!));
    }

    private static DeadLetter Read(SqliteDataReader reader) => new()
    {
        Key = ReadKey(reader, 0),
        Stream = reader.GetString(1),
        Target = reader.GetString(2),
        Entity = new SourceIdentity(reader.GetString(3), reader.GetString(4), reader.GetString(5)),
        Version = ReadVersion(reader, 6),
        Operation = (ChangeOperation)reader.GetInt32(9),
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
