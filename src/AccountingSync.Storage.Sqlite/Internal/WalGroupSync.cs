namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// Makes commits made without a sync durable in groups: a commit takes a ticket, and one thread syncs the
/// write-ahead log for every ticket taken before the sync began, so commits arriving while a sync runs share
/// the next one instead of each waiting for a sync of its own.
/// </summary>
/// <remarks>
/// A ticket is taken after its transaction has committed, so its log frames were written before any sync that
/// starts later; a sync covers exactly the tickets taken before it started. A failed sync fails the commits it
/// was meant to cover: their transactions are in the log but not known to be on disk, so their callers must not
/// report them durable.
/// </remarks>
internal sealed class WalGroupSync : IDisposable
{
    private readonly Action _sync;
    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<(long Ticket, TaskCompletionSource Done)> _waiting = [];
    private readonly Thread _thread;
    private long _taken;
    private long _synced;
    private bool _disposed;

    /// <summary>Creates a group sync of the database file's write-ahead log.</summary>
    public WalGroupSync(string databasePath)
        : this(databasePath, () => SyncLog(databasePath))
    {
    }

    /// <summary>Creates a group sync that syncs with <paramref name="sync"/>.</summary>
    internal WalGroupSync(string databasePath, Action sync)
    {
        _path = databasePath;
        _sync = sync;
        _thread = new Thread(Run) { IsBackground = true, Name = "AccountingSync SQLite log sync" };
        _thread.Start();
    }

    /// <summary>Gets how many syncs have run.</summary>
    internal long Syncs { get; private set; }

    /// <summary>Takes the ticket of a transaction that has just committed.</summary>
    public long Committed()
    {
        lock (_lock)
        {
            return ++_taken;
        }
    }

    /// <summary>Completes once a sync that began after the ticket was taken has finished.</summary>
    public Task WaitDurableAsync(long ticket)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (ticket <= _synced)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((ticket, done));
            if (_waiting.Count == 1)
            {
                _wake.Release();
            }

            return done.Task;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _wake.Release();
        _thread.Join();
        _wake.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _wake.Wait();
            while (true)
            {
                long covers;
                lock (_lock)
                {
                    if (_waiting.Count == 0)
                    {
                        if (_disposed)
                        {
                            return;
                        }

                        break;
                    }

                    covers = _taken;
                }

                Exception? failure = null;
                try
                {
                    _sync();
                    Syncs++;
                }
                catch (Exception ex)
                {
                    failure = new SqliteStoreException(
                        $"The write-ahead log of the SQLite database '{_path}' could not be synced to disk, so the "
                        + $"last commits are not known to be durable: {ex.Message}", _path, ex);
                }

                Finish(covers, failure);
            }
        }
    }

    private void Finish(long covers, Exception? failure)
    {
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            if (failure is null)
            {
                _synced = covers;
            }

            _waiting.RemoveAll(w =>
            {
                if (w.Ticket > covers)
                {
                    return false;
                }

                done.Add(w.Done);
                return true;
            });
        }

        foreach (var waiter in done)
        {
            _ = failure is null ? waiter.TrySetResult() : waiter.TrySetException(failure);
        }
    }

    private static void SyncLog(string databasePath)
    {
        // The log lives beside the database while a connection is open, and the store holds its writer open.
        // Opened for writing because only a writable handle is flushed to disk.
        var log = databasePath + "-wal";
        var path = File.Exists(log) ? log : databasePath;
        using var file = new FileStream(
            path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        file.Flush(flushToDisk: true);
    }
}
