using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Storage.PostgreSql.Internal;
using Npgsql;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="IIdempotencyStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// <para>
/// A commit is one round trip: one array (<c>unnest</c>) statement writing both tables when no entity repeats in
/// the batch, else a batch of two that runs as one implicit transaction. Keys are a primary key with
/// <c>ON CONFLICT DO NOTHING</c>, so instances committing the same outcome at once store it once and keep the
/// first. Rows are sent sorted, so concurrent commits lock rows in one order and cannot deadlock.
/// </para>
/// <para>
/// The latest-version row never moves to an older or equal version. Versions of one entity within a batch
/// are folded in commit order first, since one statement cannot update a row twice; when an entity's versions in
/// one batch are of different kinds, its rows are applied one statement each, in commit order, so the result is
/// exactly that of committing them one by one. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class PostgreSqlIdempotencyStore : IIdempotencyStore
{
    private const string Columns = """
        i.key, i.target, i.system, i.entity_type, i.entity_id, i.version_kind, i.version_ordinal, i.version_tag,
        i.operation, i.target_id, i.committed_at
        """;

    private readonly PgTarget _target;
    private readonly string _findSql;
    private readonly string _findLatestSql;
    private readonly string _insertSql;
    private readonly string _latestSql;
    private readonly string _singleSql;

    internal PostgreSqlIdempotencyStore(PgTarget target)
    {
        _target = target;
        _findSql = target.Sql($"SELECT {Columns} FROM {{schema}}.idempotency i WHERE i.key = $1");
        _findLatestSql = target.Sql($$"""
            SELECT {{Columns}} FROM {schema}.idempotency_latest l JOIN {schema}.idempotency i ON i.key = l.key
            WHERE l.target = $1 AND l.system = $2 AND l.entity_type = $3 AND l.entity_id = $4
            """);
        _insertSql = target.Sql("""
            INSERT INTO {schema}.idempotency (key, target, system, entity_type, entity_id, version_kind,
                version_ordinal, version_tag, operation, target_id, committed_at)
            SELECT * FROM unnest($1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[],
                $7::bigint[], $8::text[], $9::smallint[], $10::text[], $11::bigint[])
            ON CONFLICT (key) DO NOTHING
            """);

        // Replace unless the new version is older than or the same as the stored one; versions of different
        // kinds, or entity tags that differ, have no order, so the later commit wins.
        const string Upsert = """
            ON CONFLICT (target, system, entity_type, entity_id) DO UPDATE SET
                key = excluded.key, version_kind = excluded.version_kind,
                version_ordinal = excluded.version_ordinal, version_tag = excluded.version_tag
            WHERE NOT (excluded.version_kind = l.version_kind AND (
                (excluded.version_kind IN (1, 2) AND excluded.version_ordinal <= l.version_ordinal)
                OR (excluded.version_kind = 3 AND excluded.version_tag = l.version_tag)))
            """;
        _latestSql = target.Sql("""
            INSERT INTO {schema}.idempotency_latest AS l (target, system, entity_type, entity_id, key,
                version_kind, version_ordinal, version_tag)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::smallint[],
                $7::bigint[], $8::text[])
            """ + "\n" + Upsert);

        // When no entity repeats in a batch, both tables take the same rows: one statement sends them once.
        // The arrays come in entity order, the latest table's lock order; the outcomes are inserted in key
        // order, as the two-statement form sends them, so either form locks rows in the same order.
        _singleSql = target.Sql("""
            WITH input AS (
                SELECT * FROM unnest($1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[],
                    $7::bigint[], $8::text[], $9::smallint[], $10::text[], $11::bigint[]) WITH ORDINALITY
                    AS r(key, target, system, entity_type, entity_id, version_kind, version_ordinal, version_tag,
                        operation, target_id, committed_at, n)),
            outcomes AS (
                INSERT INTO {schema}.idempotency (key, target, system, entity_type, entity_id, version_kind,
                    version_ordinal, version_tag, operation, target_id, committed_at)
                SELECT key, target, system, entity_type, entity_id, version_kind, version_ordinal, version_tag,
                    operation, target_id, committed_at
                FROM input ORDER BY key
                ON CONFLICT (key) DO NOTHING)
            INSERT INTO {schema}.idempotency_latest AS l (target, system, entity_type, entity_id, key,
                version_kind, version_ordinal, version_tag)
            SELECT target, system, entity_type, entity_id, key, version_kind, version_ordinal, version_tag
            FROM input ORDER BY n
            """ + "\n" + Upsert);
    }

    /// <inheritdoc />
    public async ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_findSql);
        command.Parameters.Bind(ToBytes(key));
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CommittedWrite?> FindLatestAsync(
        string target, SourceIdentity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(entity);
        using var command = _target.Source.CreateCommand(_findLatestSql);
        command.Parameters.Bind(target);
        command.Parameters.Bind(entity.System);
        command.Parameters.Bind(entity.EntityType);
        command.Parameters.Bind(entity.Id);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count == 0)
        {
            return;
        }

        var rows = IdempotencyRows.Build(writes);
        if (rows.EntitiesAreUnique)
        {
            using var single = _target.Source.CreateCommand(_singleSql);
            BindAll(single.Parameters, rows);
            await single.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var batch = _target.Source.CreateBatch();
        var insert = new NpgsqlBatchCommand(_insertSql);
        BindAll(insert.Parameters, rows);
        batch.BatchCommands.Add(insert);
        foreach (var latest in rows.LatestInOrder ?? [rows.Latest])
        {
            batch.BatchCommands.Add(LatestCommand(latest));
        }

        // Without an explicit transaction the statements of a batch share one implicit transaction: all or none.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindAll(NpgsqlParameterCollection parameters, IdempotencyRows rows)
    {
        parameters.Bind(rows.Keys);
        parameters.Bind(rows.Targets);
        parameters.Bind(rows.Systems);
        parameters.Bind(rows.EntityTypes);
        parameters.Bind(rows.EntityIds);
        parameters.Bind(rows.Kinds);
        parameters.Bind(rows.Ordinals);
        parameters.Bind(rows.Tags);
        parameters.Bind(rows.Operations);
        parameters.Bind(rows.TargetIds);
        parameters.Bind(rows.CommittedAt);
    }

    private NpgsqlBatchCommand LatestCommand(IdempotencyRows rows)
    {
        var latest = new NpgsqlBatchCommand(_latestSql);
        latest.Parameters.Bind(rows.Targets);
        latest.Parameters.Bind(rows.Systems);
        latest.Parameters.Bind(rows.EntityTypes);
        latest.Parameters.Bind(rows.EntityIds);
        latest.Parameters.Bind(rows.Keys);
        latest.Parameters.Bind(rows.Kinds);
        latest.Parameters.Bind(rows.Ordinals);
        latest.Parameters.Bind(rows.Tags);
        return latest;
    }

    private static async ValueTask<CommittedWrite?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new CommittedWrite(
            ReadKey(reader, 0),
            reader.GetString(1),
            new SourceIdentity(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
            ReadVersion(reader, 5),
            (ChangeOperation)reader.GetInt16(8),
            ReadString(reader, 9),
            ReadTime(reader, 10));
    }
}
