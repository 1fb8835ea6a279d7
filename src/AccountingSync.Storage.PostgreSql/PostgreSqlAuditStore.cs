using System.Runtime.CompilerServices;
using AccountingSync.Audit;
using AccountingSync.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="IAuditStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// Append-only: an entry is stored only when its sequence directly follows the newest one, and the sequence is
/// the primary key, so instances appending at once never fork or gap the chain. Reading pages through the log
/// by sequence. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlAuditStore : IAuditStore
{
    private const int PageSize = 500;
    private const string Columns = "sequence, at, actor, action, subject, details, previous_hash, hash";

    private readonly PgTarget _target;
    private readonly string _lastSql;
    private readonly string _appendSql;
    private readonly string _pageSql;

    internal PostgreSqlAuditStore(PgTarget target)
    {
        _target = target;
        _lastSql = target.Sql($"SELECT {Columns} FROM {{schema}}.audit ORDER BY sequence DESC LIMIT 1");
        _appendSql = target.Sql($$"""
            INSERT INTO {schema}.audit ({{Columns}})
            SELECT $1, $2, $3, $4, $5, $6, $7, $8
            WHERE $1 = (SELECT coalesce(max(sequence), 0) + 1 FROM {schema}.audit)
            ON CONFLICT (sequence) DO NOTHING
            """);
        _pageSql = target.Sql($"SELECT {Columns} FROM {{schema}}.audit WHERE sequence > $1 ORDER BY sequence LIMIT {PageSize}");
    }

    /// <inheritdoc />
    public async ValueTask<AuditEntry?> GetLastAsync(CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_lastSql);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = _target.Source.CreateCommand(_appendSql);
        command.Parameters.Bind(entry.Sequence);
        command.Parameters.Bind(entry.At.UtcTicks);
        command.Parameters.Bind(entry.Actor);
        command.Parameters.Bind(entry.Action);
        command.Parameters.Bind(entry.Subject);
        command.Parameters.BindNullable(entry.Details, NpgsqlDbType.Text);
        command.Parameters.Bind(entry.PreviousHash);
        command.Parameters.Bind(entry.Hash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = new List<AuditEntry>(PageSize);
            using (var command = _target.Source.CreateCommand(_pageSql))
            {
                command.Parameters.Bind(after);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(Read(reader));
                }
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    private static AuditEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), ReadTime(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        ReadString(reader, 5), reader.GetString(6), reader.GetString(7));
}
