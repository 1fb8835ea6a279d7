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
    private bool _disposed;

    public SqliteConnectionPool(string path, Func<bool, SqliteHandle> open, SqliteHandle writer, int maxIdleReaders)
    {
        Path = path;
        _open = open;
        _writer = writer;
        _maxIdleReaders = maxIdleReaders;
    }

    public string Path { get; }

    /// <summary>Runs work on the writer connection, alone.</summary>
    public async ValueTask<T> WriteAsync<TState, T>(
        TState state, Func<SqliteHandle, TState, T> work, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_writer, state);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, Path);
        }
        finally
        {
            _writerGate.Release();
        }
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
    }
}
