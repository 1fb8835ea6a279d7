using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// The connections of one database file: a single writer connection behind an async gate, and a pool of
/// reader connections.
/// </summary>
/// <remarks>
/// SQLite lets one transaction write at a time however many connections there are, so one writer connection
/// loses nothing and avoids busy-waiting between our own writers; the gate queues them in order instead.
/// Readers get connections of their own, because a Microsoft.Data.Sqlite connection is not thread-safe and
/// WAL lets reads run while a write commits.
/// </remarks>
internal sealed class SqliteConnectionPool : IDisposable
{
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private readonly ConcurrentBag<SqliteHandle> _readers = [];
    private readonly Func<bool, SqliteHandle> _open;
    private readonly int _maxIdleReaders;
    private readonly SqliteHandle _writer;
    private readonly WalGroupSync? _groupSync;
    private bool _disposed;

    /// <param name="path">The database file.</param>
    /// <param name="open">Opens a connection, read-only when true.</param>
    /// <param name="writer">The writer connection, already open.</param>
    /// <param name="maxIdleReaders">How many reader connections are kept between reads.</param>
    /// <param name="groupSync">
    /// Syncs the log for writes committed without a sync (<see cref="SqliteSynchronousMode.Grouped"/>); null when
    /// each commit syncs itself or nothing waits for a sync.
    /// </param>
    public SqliteConnectionPool(
        string path, Func<bool, SqliteHandle> open, SqliteHandle writer, int maxIdleReaders, WalGroupSync? groupSync = null)
    {
        Path = path;
        _open = open;
        _writer = writer;
        _maxIdleReaders = maxIdleReaders;
        _groupSync = groupSync;
    }

    public string Path { get; }

    /// <summary>Runs work on the writer connection, alone; with a group sync, returns once its commit is on disk.</summary>
    public async ValueTask<T> WriteAsync<TState, T>(
        TState state, Func<SqliteHandle, TState, T> work, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        T result;
        Task durable;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            result = work(_writer, state);

            // Registered before the gate opens, so closing the pool (which takes the gate) cannot come between
            // this commit and its wait; the sync thread drains every registered wait before it stops.
            durable = _groupSync is { } sync ? sync.WaitDurableAsync(sync.Committed()) : Task.CompletedTask;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, Path);
        }
        finally
        {
            _writerGate.Release();
        }

        // The next writer commits while this one waits: its commit joins the following sync.
        await durable.ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs work on a reader connection of its own.</summary>
    public T Read<TState, T>(TState state, Func<SqliteHandle, TState, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var handle = _readers.TryTake(out var idle) ? idle : _open(true);
        try
        {
            return work(handle, state);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, Path);
        }
        finally
        {
            if (_disposed || _readers.Count >= _maxIdleReaders)
            {
                handle.Dispose();
            }
            else
            {
                _readers.Add(handle);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Wait for the write in progress, so the writer connection is not closed under it.
        _writerGate.Wait();
        _disposed = true;
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writerGate.Release();
        _groupSync?.Dispose();
    }
}
