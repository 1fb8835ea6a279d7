using AccountingSync.Deduplication;
using AccountingSync.Storage.Sqlite.Internal;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="IDeduplicationStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>Ids are unique per scope; re-adding one keeps its first time. This type is thread-safe.</remarks>
public sealed class SqliteDeduplicationStore : IDeduplicationStore
{
    private const string ContainsSql = "SELECT 1 FROM dedup WHERE scope = $scope AND event_id = $id";
    private const string AddSql = "INSERT INTO dedup (scope, event_id, seen_at) VALUES ($scope, $id, $at) ON CONFLICT DO NOTHING";
    private const string PurgeSql = "DELETE FROM dedup WHERE seen_at < $before";

    private readonly SqliteConnectionPool _pool;

    internal SqliteDeduplicationStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(eventId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read((scope, eventId), static (handle, state) =>
        {
            var command = handle.Command(ContainsSql, null, "$scope", "$id");
            command.Parameters[0].Value = state.scope;
            command.Parameters[1].Value = state.eventId;
            return command.ExecuteScalar() is not null;
        }));
    }

    /// <inheritdoc />
    public async ValueTask AddAsync(
        string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (eventIds.Count == 0)
        {
            return;
        }

        await _pool.WriteAsync((scope, eventIds, seenAt.UtcTicks, cancellationToken), static (handle, state) =>
        {
            using var transaction = handle.Connection.BeginTransaction(deferred: false);
            var command = handle.Command(AddSql, transaction, "$scope", "$id", "$at");
            command.Parameters[0].Value = state.scope;
            command.Parameters[2].Value = state.UtcTicks;
            foreach (var id in state.eventIds)
            {
                command.Parameters[1].Value = id;
                command.ExecuteNonQuery();
            }

            state.cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken) =>
        _pool.WriteAsync(seenBefore.UtcTicks, static (handle, before) =>
        {
            var command = handle.Command(PurgeSql, null, "$before");
            command.Parameters[0].Value = before;
            return command.ExecuteNonQuery();
        }, cancellationToken);
}
