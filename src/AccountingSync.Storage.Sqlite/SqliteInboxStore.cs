using System.Buffers;
using System.Text;
using System.Text.Json;
using AccountingSync.Inbox;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="IInboxStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// Deliveries are unique per (provider, event id), checked against the inbox id index (kept in a file beside the
/// database, named after it with <c>-inbox-ids</c>), so that storing a delivery only appends. A claim is one
/// <c>UPDATE … RETURNING</c> on the single writer connection, so two claimers in this process never get the same
/// event; processes sharing the file are serialized by SQLite's write lock. This type is thread-safe.
/// </remarks>
public sealed class SqliteInboxStore : IInboxStore
{
    private const string Columns = "sequence, provider, event_id, received_at, headers, body, status, attempts, last_error";

    // Every accepted webhook waits for this insert, so it runs as a native statement (see SqliteRawStatement)
    // and without RETURNING, which costs SQLite a third more per row than a plain insert: a stored row's
    // sequence is the connection's last row id. Duplicates are found before it, by the id index.
    private const string EnqueueSql = """
        INSERT INTO inbox (provider, event_id, received_at, headers, body, status, attempts, last_error, owner, lease_until)
        VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, NULL, NULL, 0)
        """;

    private const string ClaimSql = $"""
        UPDATE inbox SET status = 1, owner = $owner, lease_until = $leaseUntil, attempts = attempts + 1
        WHERE sequence IN (
            SELECT sequence FROM inbox
            WHERE status <> 2 AND lease_until <= $now
            ORDER BY sequence LIMIT $max)
        RETURNING {Columns}
        """;

    private const string CompleteSql = """
        UPDATE inbox SET status = 2, owner = NULL
        WHERE sequence = $sequence AND status = 1 AND owner = $owner
        """;

    // For a pending event, lease_until is when it may be claimed again: 0 once enqueued or requeued, a back-off
    // or Retry-After once released.
    private const string ReleaseSql = """
        UPDATE inbox SET status = 0, owner = NULL, last_error = $error, lease_until = $notBefore
        WHERE sequence = $sequence AND owner = $owner
        """;

    private readonly SqliteConnectionPool _pool;
    private readonly InboxIdIndex _ids;

    internal SqliteInboxStore(SqliteConnectionPool pool, InboxIdIndex ids)
    {
        _pool = pool;
        _ids = ids;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync((events, _ids, cancellationToken), static (handle, state) =>
        {
            var ids = state._ids;
            try
            {
                using var transaction = handle.Connection.BeginTransaction(deferred: false);
                ids.BeginBatch(handle, transaction);
                var insert = handle.RawStatement(EnqueueSql);
                var headers = new ArrayBufferWriter<byte>(256);
                using var json = new Utf8JsonWriter(headers);
                var sequences = new long?[state.events.Count];
                for (var i = 0; i < sequences.Length; i++)
                {
                    var e = state.events[i];
                    if (ids.Contains(handle, e.Provider, e.EventId))
                    {
                        continue;
                    }

                    headers.ResetWrittenCount();
                    json.Reset();
                    JsonSerializer.Serialize(json, e.Headers);
                    insert.Bind(1, e.Provider);
                    insert.Bind(2, e.EventId);
                    insert.Bind(3, e.ReceivedAt.UtcTicks);
                    insert.BindUtf8(4, headers.WrittenSpan);
                    insert.Bind(5, e.Body.Span);
                    insert.Execute();
                    sequences[i] = insert.LastInsertRowId;
                    ids.Stage(e.Provider, e.EventId, insert.LastInsertRowId);
                }

                state.cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
                ids.Committed();
                return (IReadOnlyList<long?>)sequences;
            }
            catch
            {
                ids.RolledBack();
                throw;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync((owner, maxCount, leaseUntil.UtcTicks, now.UtcTicks), static (handle, state) =>
        {
            var command = handle.Command(ClaimSql, null, "$owner", "$leaseUntil", "$now", "$max");
            command.Parameters[0].Value = state.owner;
            command.Parameters[1].Value = state.Item3;
            command.Parameters[2].Value = state.Item4;
            command.Parameters[3].Value = state.maxCount;
            var claimed = ReadAll(command, int.MaxValue);

            // RETURNING gives rows in no promised order; the contract is oldest first.
            claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return (IReadOnlyList<InboxEvent>)claimed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(sequences);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync((owner, sequences), static (handle, state) =>
        {
            using var transaction = handle.Connection.BeginTransaction(deferred: false);
            var command = handle.Command(CompleteSql, transaction, "$sequence", "$owner");
            command.Parameters[1].Value = state.owner;
            var done = 0;
            foreach (var sequence in state.sequences)
            {
                command.Parameters[0].Value = sequence;
                done += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return done;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(
        string owner, long sequence, string error, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();
        await _pool.WriteAsync((owner, sequence, error, notBefore.UtcTicks), static (handle, state) =>
        {
            var command = handle.Command(ReleaseSql, null, "$error", "$sequence", "$owner", "$notBefore");
            command.Parameters[0].Value = state.error;
            command.Parameters[1].Value = state.sequence;
            command.Parameters[2].Value = state.owner;
            command.Parameters[3].Value = state.Item4;
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyCollection<long>? sequences = null;
        if (query.EventIds is { } eventIds)
        {
            // The id index is kept by the writer; resolving through it there also sees other processes' rows.
            var resolve = _pool.WriteAsync(
                (_ids, eventIds), static (handle, state) => state._ids.Resolve(handle, state.eventIds), cancellationToken);
            sequences = await resolve.ConfigureAwait(false);
        }

        return _pool.Read((query, sequences), static (handle, state) =>
        {
            using var command = handle.Connection.CreateCommand();
            command.CommandText =
                $"SELECT {Columns} FROM inbox WHERE {Filter(command, state.query, state.sequences)} ORDER BY sequence LIMIT $limit";
            command.Parameters.AddWithValue("$limit", state.query.Limit);
            return (IReadOnlyList<InboxEvent>)ReadAll(command, state.query.Limit);
        });
    }

    /// <inheritdoc />
    public ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync((query, _ids), static (handle, state) =>
        {
            var query = state.query;
            var sequences = query.EventIds is { } eventIds ? state._ids.Resolve(handle, eventIds) : null;
            using var command = handle.Connection.CreateCommand();
            command.CommandText = $"""
                UPDATE inbox SET status = 0, owner = NULL, lease_until = 0 WHERE sequence IN (
                    SELECT sequence FROM inbox WHERE status = 2 AND {Filter(command, query, sequences)}
                    ORDER BY sequence LIMIT $limit)
                """;
            command.Parameters.AddWithValue("$limit", query.Limit);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <param name="command">The command the filter's parameters are added to.</param>
    /// <param name="query">The query.</param>
    /// <param name="sequences">The sequences of the query's event ids, from the id index; null when it names none.</param>
    private static string Filter(SqliteCommand command, InboxQuery query, IReadOnlyCollection<long>? sequences)
    {
        var sql = new StringBuilder("1 = 1");
        if (query.Provider is not null)
        {
            sql.Append(" AND provider = $provider");
            command.Parameters.AddWithValue("$provider", query.Provider);
        }

        if (query.EventIds is not null)
        {
            // The index finds the rows; the id check drops rows of other ids that share a hash.
            sql.Append(" AND sequence IN (SELECT value FROM json_each($sequences))");
            sql.Append(" AND event_id IN (SELECT value FROM json_each($eventIds))");
            command.Parameters.AddWithValue("$sequences", JsonSerializer.Serialize(sequences ?? []));
            command.Parameters.AddWithValue("$eventIds", JsonSerializer.Serialize(query.EventIds));
        }

        if (query.ReceivedFrom is { } from)
        {
            sql.Append(" AND received_at >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.ReceivedTo is { } to)
        {
            sql.Append(" AND received_at < $to");
            command.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", (int)status);
        }

        return sql.ToString();
    }

    private static List<InboxEvent> ReadAll(SqliteCommand command, int limit)
    {
        var events = new List<InboxEvent>();
        using var reader = command.ExecuteReader();
        while (events.Count < limit && reader.Read())
        {
            events.Add(new InboxEvent
            {
                Sequence = reader.GetInt64(0),
                Provider = reader.GetString(1),
                EventId = reader.GetString(2),
                ReceivedAt = ReadTime(reader, 3),
                Headers = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
                Body = reader.GetFieldValue<byte[]>(5),
                Status = (InboxStatus)reader.GetInt32(6),
                Attempts = reader.GetInt32(7),
                LastError = ReadString(reader, 8),
            });
        }

        return events;
    }
}
