using System.Text;
using System.Text.Json;
using AccountingSync.Inbox;
using AccountingSync.Storage.PostgreSql.Internal;
using Npgsql;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="IInboxStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// <para>
/// Deliveries are unique per (provider, event id). An enqueue is one batch (one implicit transaction) of
/// inserts, so a list of deliveries is stored all or none in one round trip.
/// </para>
/// <para>
/// A claim takes pending events and events whose lease expired with <c>FOR UPDATE SKIP LOCKED</c>: instances
/// claiming at once skip each other's rows instead of waiting, and never get the same event. An instance that
/// crashes holds its events only until their lease expires. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class PostgreSqlInboxStore : IInboxStore
{
    private const string Columns = "sequence, provider, event_id, received_at, headers, body, status, attempts, last_error";

    private readonly PgTarget _target;
    private readonly string _enqueueSql;
    private readonly string _claimSql;
    private readonly string _completeSql;
    private readonly string _releaseSql;

    internal PostgreSqlInboxStore(PgTarget target)
    {
        _target = target;
        _enqueueSql = target.Sql("""
            INSERT INTO {schema}.inbox (provider, event_id, received_at, headers, body, status, attempts, lease_until)
            VALUES ($1, $2, $3, $4, $5, 0, 0, 0)
            ON CONFLICT (provider, event_id) DO NOTHING
            RETURNING sequence
            """);
        _claimSql = target.Sql($$"""
            WITH claimable AS (
                SELECT sequence FROM {schema}.inbox
                WHERE status <> 2 AND lease_until <= $3
                ORDER BY sequence LIMIT $4
                FOR UPDATE SKIP LOCKED)
            UPDATE {schema}.inbox i SET status = 1, owner = $1, lease_until = $2, attempts = i.attempts + 1
            FROM claimable c WHERE i.sequence = c.sequence
            RETURNING {{string.Join(", ", Columns.Split(", ").Select(c => "i." + c))}}
            """);
        _completeSql = target.Sql("""
            UPDATE {schema}.inbox SET status = 2, owner = NULL
            WHERE sequence = ANY($2) AND status = 1 AND owner = $1
            """);
        // For a pending event, lease_until is when it may be claimed again: 0 once enqueued or requeued, a
        // back-off or Retry-After once released.
        _releaseSql = target.Sql("""
            UPDATE {schema}.inbox SET status = 0, owner = NULL, last_error = $3, lease_until = $4
            WHERE sequence = $2 AND owner = $1
            """);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        var sequences = new long?[events.Count];
        if (events.Count == 0)
        {
            return sequences;
        }

        using var batch = _target.Source.CreateBatch();
        foreach (var e in events)
        {
            var insert = new NpgsqlBatchCommand(_enqueueSql);
            insert.Parameters.Bind(e.Provider);
            insert.Parameters.Bind(e.EventId);
            insert.Parameters.Bind(e.ReceivedAt.UtcTicks);
            insert.Parameters.Bind(JsonSerializer.Serialize(e.Headers));
            insert.Parameters.Bind(e.Body.ToArray());
            batch.BatchCommands.Add(insert);
        }

        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        await using var readerScope = reader.ConfigureAwait(false);
        for (var i = 0; i < sequences.Length; i++)
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequences[i] = reader.GetInt64(0);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return sequences;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var command = _target.Source.CreateCommand(_claimSql);
        command.Parameters.Bind(owner);
        command.Parameters.Bind(leaseUntil.UtcTicks);
        command.Parameters.Bind(now.UtcTicks);
        command.Parameters.Bind((long)maxCount);
        var claimed = await ReadAllAsync(command, int.MaxValue, cancellationToken).ConfigureAwait(false);

        // RETURNING gives rows in no promised order; the contract is oldest first.
        claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    /// <inheritdoc />
    public async ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(sequences);
        using var command = _target.Source.CreateCommand(_completeSql);
        command.Parameters.Bind(owner);
        command.Parameters.Bind(sequences.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(
        string owner, long sequence, string error, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(error);
        using var command = _target.Source.CreateCommand(_releaseSql);
        command.Parameters.Bind(owner);
        command.Parameters.Bind(sequence);
        command.Parameters.Bind(error);
        command.Parameters.Bind(notBefore.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _target.Source.CreateCommand();
        var filter = Filter(command, query);
        command.Parameters.Bind(query.Limit);
        command.CommandText = _target.Sql(
            $"SELECT {Columns} FROM {{schema}}.inbox WHERE {filter} ORDER BY sequence LIMIT ${command.Parameters.Count}");
        return await ReadAllAsync(command, query.Limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _target.Source.CreateCommand();
        var filter = Filter(command, query);
        command.Parameters.Bind(query.Limit);
        command.CommandText = _target.Sql($$"""
            UPDATE {schema}.inbox SET status = 0, owner = NULL, lease_until = 0 WHERE sequence IN (
                SELECT sequence FROM {schema}.inbox WHERE status = 2 AND {{filter}}
                ORDER BY sequence LIMIT ${{command.Parameters.Count}} FOR UPDATE)
            """);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Filter(NpgsqlCommand command, InboxQuery query)
    {
        var sql = new StringBuilder("true");
        var p = command.Parameters;
        if (query.Provider is not null)
        {
            p.Bind(query.Provider);
            sql.Append(" AND provider = $").Append(p.Count);
        }

        if (query.EventIds is not null)
        {
            p.Bind(query.EventIds.ToArray());
            sql.Append(" AND event_id = ANY($").Append(p.Count).Append(')');
        }

        if (query.ReceivedFrom is { } from)
        {
            p.Bind(from.UtcTicks);
            sql.Append(" AND received_at >= $").Append(p.Count);
        }

        if (query.ReceivedTo is { } to)
        {
            p.Bind(to.UtcTicks);
            sql.Append(" AND received_at < $").Append(p.Count);
        }

        if (query.Status is { } status)
        {
            p.Bind((short)status);
            sql.Append(" AND status = $").Append(p.Count);
        }

        return sql.ToString();
    }

    private static async Task<List<InboxEvent>> ReadAllAsync(NpgsqlCommand command, int limit, CancellationToken cancellationToken)
    {
        var events = new List<InboxEvent>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (events.Count < limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new InboxEvent
            {
                Sequence = reader.GetInt64(0),
                Provider = reader.GetString(1),
                EventId = reader.GetString(2),
                ReceivedAt = ReadTime(reader, 3),
                Headers = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
                Body = reader.GetFieldValue<byte[]>(5),
                Status = (InboxStatus)reader.GetInt16(6),
                Attempts = reader.GetInt32(7),
                LastError = ReadString(reader, 8),
            });
        }

        return events;
    }
}
