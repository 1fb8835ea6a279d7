using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="IIdempotencyStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// A commit writes its whole list in one transaction with prepared statements. The latest-version row follows
/// the same rule as every store: it never moves to an older or equal version. This type is thread-safe.
/// </remarks>
public sealed class SqliteIdempotencyStore : IIdempotencyStore
{
    private const string Columns = """
        i.key, i.target, i.system, i.entity_type, i.entity_id, i.version_kind, i.version_ordinal, i.version_tag,
        i.operation, i.target_id, i.committed_at
        """;

    private const string FindSql = $"SELECT {Columns} FROM idempotency i WHERE i.key = $key";

    private const string FindLatestSql = $"""
        SELECT {Columns} FROM idempotency_latest l JOIN idempotency i ON i.key = l.key
        WHERE l.target = $target AND l.system = $system AND l.entity_type = $type AND l.entity_id = $id
        """;

    private const string InsertSql = """
        INSERT INTO idempotency (key, target, system, entity_type, entity_id, version_kind, version_ordinal,
            version_tag, operation, target_id, committed_at)
        VALUES ($key, $target, $system, $type, $id, $kind, $ordinal, $tag, $operation, $targetId, $at)
        ON CONFLICT (key) DO NOTHING
        """;

    // Replace the latest row unless the new version is older than or the same as the stored one; versions of
    // different kinds, or entity tags that differ, have no order, so the later commit wins.
    private const string LatestSql = """
        INSERT INTO idempotency_latest (target, system, entity_type, entity_id, key, version_kind, version_ordinal, version_tag)
        VALUES ($target, $system, $type, $id, $key, $kind, $ordinal, $tag)
        ON CONFLICT (target, system, entity_type, entity_id) DO UPDATE SET
            key = excluded.key, version_kind = excluded.version_kind,
            version_ordinal = excluded.version_ordinal, version_tag = excluded.version_tag
        WHERE NOT (excluded.version_kind = idempotency_latest.version_kind AND (
            (excluded.version_kind IN (1, 2) AND excluded.version_ordinal <= idempotency_latest.version_ordinal)
            OR (excluded.version_kind = 3 AND excluded.version_tag = idempotency_latest.version_tag)))
        """;

    private readonly SqliteConnectionPool _pool;

    internal SqliteIdempotencyStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(key, static (handle, key) =>
        {
            var command = handle.Command(FindSql, null, "$key");
            command.Parameters[0].Value = ToBlob(key);
            return ReadOne(command);
        }));
    }

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindLatestAsync(string target, SourceIdentity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(entity);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read((target, entity), static (handle, state) =>
        {
            var command = handle.Command(FindLatestSql, null, "$target", "$system", "$type", "$id");
            command.Parameters[0].Value = state.target;
            command.Parameters[1].Value = state.entity.System;
            command.Parameters[2].Value = state.entity.EntityType;
            command.Parameters[3].Value = state.entity.Id;
            return ReadOne(command);
        }));
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

        await _pool.WriteAsync((writes, cancellationToken), static (handle, state) =>
        {
            using var transaction = handle.Connection.BeginTransaction(deferred: false);
            var insert = handle.Command(InsertSql, transaction,
                "$key", "$target", "$system", "$type", "$id", "$kind", "$ordinal", "$tag", "$operation", "$targetId", "$at");
            var latest = handle.Command(LatestSql, transaction,
                "$target", "$system", "$type", "$id", "$key", "$kind", "$ordinal", "$tag");
            var p = insert.Parameters;
            var l = latest.Parameters;
            foreach (var write in state.writes)
            {
                var key = ToBlob(write.Key);
                p[0].Value = key;
                p[1].Value = l[0].Value = write.Target;
                p[2].Value = l[1].Value = write.Entity.System;
                p[3].Value = l[2].Value = write.Entity.EntityType;
                p[4].Value = l[3].Value = write.Entity.Id;
                l[4].Value = key;
                p[5].Value = l[5].Value = (int)write.Version.Kind;
                p[6].Value = l[6].Value = write.Version.Ordinal;
                p[7].Value = l[7].Value = Nullable(write.Version.Tag);
                p[8].Value = (int)write.Operation;
                p[9].Value = Nullable(write.TargetId);
                p[10].Value = write.CommittedAt.UtcTicks;
                insert.ExecuteNonQuery();
                latest.ExecuteNonQuery();
            }

            // A commit cancelled before this point stores nothing: the transaction rolls back on dispose.
            state.cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static CommittedWrite? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new CommittedWrite(
            ReadKey(reader, 0),
            reader.GetString(1),
            new SourceIdentity(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
            ReadVersion(reader, 5),
            (ChangeOperation)reader.GetInt32(8),
            ReadString(reader, 9),
            ReadTime(reader, 10));
    }
}
