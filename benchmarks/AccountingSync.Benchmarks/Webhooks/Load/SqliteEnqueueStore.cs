using AccountingSync.Inbox;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Benchmarks.Webhooks.Load;

/// <summary>
/// The enqueue half of a durable SQLite inbox, for the load comparison only: WAL with synchronous=FULL, so every
/// commit is on disk before it returns, and one transaction per <see cref="EnqueueAsync"/> call through one prepared
/// insert. The processing
/// half is not part of what the load test measures (processing is off), so those members refuse to run.
/// </summary>
internal sealed class SqliteEnqueueStore : IInboxStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _provider;
    private readonly SqliteParameter _eventId;
    private readonly SqliteParameter _received;
    private readonly SqliteParameter _body;
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

        // One prepared statement for the store's lifetime: a batch rebinds it per row instead of re-parsing SQL.
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO inbox (provider, event_id, received_at, body) VALUES ($p, $e, $r, $b)
            ON CONFLICT (provider, event_id) DO NOTHING RETURNING sequence
            """;
        _provider = _insert.Parameters.Add("$p", SqliteType.Text);
        _eventId = _insert.Parameters.Add("$e", SqliteType.Text);
        _received = _insert.Parameters.Add("$r", SqliteType.Integer);
        _body = _insert.Parameters.Add("$b", SqliteType.Blob);
        _insert.Prepare();
    }

    public async ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequences = new long?[events.Count];
            using var transaction = _connection.BeginTransaction();
            _insert.Transaction = transaction;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                _provider.Value = e.Provider;
                _eventId.Value = e.EventId;
                _received.Value = e.ReceivedAt.ToUnixTimeMilliseconds();
                _body.Value = MemoryMarshal.TryGetArray(e.Body, out var segment)
                    && segment.Offset == 0 && segment.Count == segment.Array!.Length
                        ? segment.Array
                        : e.Body.ToArray();
                sequences[i] = _insert.ExecuteScalar() is long sequence ? sequence : null;
            }

            transaction.Commit();
            return sequences;
        }
        finally
        {
            _gate.Release();
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
        _insert.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }
}
