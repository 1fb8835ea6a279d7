using AccountingSync.Inbox;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Benchmarks.Webhooks.Load;

/// <summary>
/// The enqueue half of a durable SQLite inbox, for the load comparison only: WAL with synchronous=FULL, so every
/// commit is on disk before it returns, and one transaction per <see cref="EnqueueAsync"/> call, inserting up to
/// 64 rows per statement. The processing
/// half is not part of what the load test measures (processing is off), so those members refuse to run.
/// </summary>
internal sealed class SqliteEnqueueStore : IInboxStore, IDisposable
{
    private const int RowsPerStatement = 64;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteEnqueueStore(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=false");
        _connection.Open();
        using var setup = _connection.CreateCommand();
        setup.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS inbox (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                provider TEXT NOT NULL, event_id TEXT NOT NULL, received_at INTEGER NOT NULL,
                body BLOB NOT NULL, status INTEGER NOT NULL DEFAULT 0,
                UNIQUE (provider, event_id));
            """;
        setup.ExecuteNonQuery();
    }

    public async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequences = new long?[events.Count];
            using var transaction = _connection.BeginTransaction();
            for (var offset = 0; offset < events.Count; offset += RowsPerStatement)
            {
                InsertChunk(transaction, events, offset, Math.Min(RowsPerStatement, events.Count - offset), sequences);
            }

            transaction.Commit();
            return sequences;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Inserts up to <see cref="RowsPerStatement"/> rows in one multi-row statement; RETURNING names the rows that
    /// were new, and a row whose (provider, event id) already existed, or repeats an earlier row, gets null.
    /// </summary>
    private void InsertChunk(SqliteTransaction transaction, IReadOnlyList<InboxEvent> events, int offset, int count, long?[] sequences)
    {
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        var values = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            values.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"($p{i},$e{i},$r{i},$b{i})");
            var e = events[offset + i];
            insert.Parameters.AddWithValue($"$p{i}", e.Provider);
            insert.Parameters.AddWithValue($"$e{i}", e.EventId);
            insert.Parameters.AddWithValue($"$r{i}", e.ReceivedAt.ToUnixTimeMilliseconds());
            insert.Parameters.Add($"$b{i}", SqliteType.Blob).Value =
                MemoryMarshal.TryGetArray(e.Body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                    ? segment.Array
                    : e.Body.ToArray();
        }

        insert.CommandText = "INSERT INTO inbox (provider, event_id, received_at, body) VALUES " + values
            + " ON CONFLICT (provider, event_id) DO NOTHING RETURNING provider, event_id, sequence";
        var inserted = new Dictionary<(string, string), long>();
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
            {
                inserted[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var e = events[offset + i];
            if (inserted.Remove((e.Provider, e.EventId), out var sequence))
            {
                sequences[offset + i] = sequence;
            }
        }
    }

    public ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The load harness only measures enqueue.");

    public ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The load harness only measures enqueue.");

    public ValueTask ReleaseAsync(string owner, long sequence, string error, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The load harness only measures enqueue.");

    public ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The load harness only measures enqueue.");

    public ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The load harness only measures enqueue.");

    public long Count()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM inbox";
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
