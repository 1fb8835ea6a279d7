using System.Runtime.CompilerServices;
using AccountingSync.Audit;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="IAuditStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// Append-only: an entry is stored only when its sequence directly follows the newest one, checked in the same
/// statement, so the chain has no gaps or forks. Reading pages through the log without holding a connection
/// between pages. This type is thread-safe.
/// </remarks>
public sealed class SqliteAuditStore : IAuditStore
{
    private const int PageSize = 500;
    private const string Columns = "sequence, at, actor, action, subject, details, previous_hash, hash";

    private const string AppendSql = $"""
        INSERT INTO audit ({Columns})
        SELECT $sequence, $at, $actor, $action, $subject, $details, $previousHash, $hash
        WHERE $sequence = (SELECT coalesce(max(sequence), 0) + 1 FROM audit)
        ON CONFLICT (sequence) DO NOTHING
        """;

    private readonly SqliteConnectionPool _pool;

    internal SqliteAuditStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public ValueTask<AuditEntry?> GetLastAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(0, static (handle, _) =>
        {
            var command = handle.Command($"SELECT {Columns} FROM audit ORDER BY sequence DESC LIMIT 1", null);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }));
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync(entry, static (handle, entry) =>
        {
            var command = handle.Command(AppendSql, null,
                "$sequence", "$at", "$actor", "$action", "$subject", "$details", "$previousHash", "$hash");
            var p = command.Parameters;
            p[0].Value = entry.Sequence;
            p[1].Value = entry.At.UtcTicks;
            p[2].Value = entry.Actor;
            p[3].Value = entry.Action;
            p[4].Value = entry.Subject;
            p[5].Value = Nullable(entry.Details);
            p[6].Value = entry.PreviousHash;
            p[7].Value = entry.Hash;
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = _pool.Read(after, static (handle, after) =>
            {
                var command = handle.Command(
                    $"SELECT {Columns} FROM audit WHERE sequence > $after ORDER BY sequence LIMIT {PageSize}", null, "$after");
                command.Parameters[0].Value = after;
                var entries = new List<AuditEntry>(PageSize);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    entries.Add(Read(reader));
                }

                return entries;
            });
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
            await Task.Yield();
        }
    }

    private static AuditEntry Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), ReadTime(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        ReadString(reader, 5), reader.GetString(6), reader.GetString(7));
}
