using AccountingSync.Deduplication;
using AccountingSync.Storage.PostgreSql.Internal;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="IDeduplicationStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// Ids are a primary key per scope; an add is one array insert with <c>ON CONFLICT DO NOTHING</c>, sorted so
/// concurrent adds cannot deadlock. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlDeduplicationStore : IDeduplicationStore
{
    private readonly PgTarget _target;
    private readonly string _containsSql;
    private readonly string _addSql;
    private readonly string _purgeSql;

    internal PostgreSqlDeduplicationStore(PgTarget target)
    {
        _target = target;
        _containsSql = target.Sql("SELECT 1 FROM {schema}.dedup WHERE scope = $1 AND event_id = $2");
        _addSql = target.Sql("""
            INSERT INTO {schema}.dedup (scope, event_id, seen_at)
            SELECT $1, id, $3 FROM unnest($2::text[]) AS id
            ON CONFLICT DO NOTHING
            """);
        _purgeSql = target.Sql("DELETE FROM {schema}.dedup WHERE seen_at < $1");
    }

    /// <inheritdoc />
    public async ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(eventId);
        using var command = _target.Source.CreateCommand(_containsSql);
        command.Parameters.Bind(scope);
        command.Parameters.Bind(eventId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
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

        var ids = eventIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        using var command = _target.Source.CreateCommand(_addSql);
        command.Parameters.Bind(scope);
        command.Parameters.Bind(ids);
        command.Parameters.Bind(seenAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_purgeSql);
        command.Parameters.Bind(seenBefore.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
