using AccountingSync.Storage.Sqlite.Internal;

namespace AccountingSync.Storage.Sqlite.Tests.Internal;

/// <summary>
/// The grouped sync with its disk sync replaced by a gate the test opens, so a test decides when a sync ends and
/// sees which commits each one covered.
/// </summary>
public sealed class WalGroupSyncTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitDurableAsync_TicketTakenWhileASyncRuns_WaitsForTheNextSync()
    {
        using var disk = new GatedDisk();
        using var sync = new WalGroupSync("books.db", disk.Sync);

        var first = sync.WaitDurableAsync(sync.Committed());
        await disk.Started(1).WaitAsync(Patience, TestContext.Current.CancellationToken);
        var second = sync.WaitDurableAsync(sync.Committed());
        disk.Finish();

        await first.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted, "a commit made after its sync began must not count as synced by it");

        await disk.Started(2).WaitAsync(Patience, TestContext.Current.CancellationToken);
        disk.Finish();
        await second.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(2, sync.Syncs);
    }

    [Fact]
    public async Task WaitDurableAsync_ManyCommitsDuringOneSync_AllShareTheNextSync()
    {
        using var disk = new GatedDisk();
        using var sync = new WalGroupSync("books.db", disk.Sync);

        var first = sync.WaitDurableAsync(sync.Committed());
        await disk.Started(1).WaitAsync(Patience, TestContext.Current.CancellationToken);
        var group = Enumerable.Range(0, 50).Select(_ => sync.WaitDurableAsync(sync.Committed())).ToArray();
        disk.Finish();
        await first.WaitAsync(Patience, TestContext.Current.CancellationToken);

        await disk.Started(2).WaitAsync(Patience, TestContext.Current.CancellationToken);
        disk.Finish();
        await Task.WhenAll(group).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(2, sync.Syncs);
    }

    [Fact]
    public async Task WaitDurableAsync_TicketAlreadySynced_CompletesAtOnce()
    {
        using var disk = new GatedDisk();
        using var sync = new WalGroupSync("books.db", disk.Sync);
        var ticket = sync.Committed();
        var wait = sync.WaitDurableAsync(ticket);
        await disk.Started(1).WaitAsync(Patience, TestContext.Current.CancellationToken);
        disk.Finish();
        await wait.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.True(sync.WaitDurableAsync(ticket).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitDurableAsync_SyncFails_FailsTheCommitsItCoveredNamingTheFile()
    {
        using var disk = new GatedDisk { Failure = new IOException("No space left on device") };
        using var sync = new WalGroupSync("books.db", disk.Sync);

        var wait = sync.WaitDurableAsync(sync.Committed());
        await disk.Started(1).WaitAsync(Patience, TestContext.Current.CancellationToken);
        disk.Finish();

        var error = await Assert.ThrowsAsync<SqliteStoreException>(
            () => wait.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Contains("books.db", error.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);

        // The failed commits are not counted as synced: a later commit gets a sync of its own, which now works.
        disk.Failure = null;
        var later = sync.WaitDurableAsync(sync.Committed());
        await disk.Started(2).WaitAsync(Patience, TestContext.Current.CancellationToken);
        disk.Finish();
        await later.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Dispose_WithACommitWaiting_FinishesItsSyncFirst()
    {
        using var disk = new GatedDisk();
        var sync = new WalGroupSync("books.db", disk.Sync);
        var wait = sync.WaitDurableAsync(sync.Committed());
        await disk.Started(1).WaitAsync(Patience, TestContext.Current.CancellationToken);

        var closing = Task.Run(sync.Dispose, TestContext.Current.CancellationToken);
        disk.Finish();
        await closing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
        // Refused as the call is made, not in the task it would return.
        var refused = Record.Exception(() => sync.WaitDurableAsync(sync.Committed()).IsCompleted);
        Assert.IsType<ObjectDisposedException>(refused);
    }

    [Fact]
    public async Task Open_GroupedDatabase_WritesSurviveAReopen()
    {
        using var files = new SqliteTestDatabase();
        var path = files.NewPath();
        var options = new SqliteStoreOptions { DatabasePath = path, Synchronous = SqliteSynchronousMode.Grouped };
        var database = files.Open(path, options);
        var writes = Enumerable.Range(0, 200).Select(i => database.Checkpoints.TrySaveAsync(
            $"stream-{i}", $"cursor-{i}", 0, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken).AsTask());
        await Task.WhenAll(writes);
        database.Dispose();

        var reopened = files.Open(path, options);
        var saved = await reopened.Checkpoints.GetAsync("stream-199", TestContext.Current.CancellationToken);
        Assert.Equal("cursor-199", saved?.Cursor);
    }

    /// <summary>A disk sync that blocks until the test finishes it, counting the syncs that began.</summary>
    private sealed class GatedDisk : IDisposable
    {
        private readonly SemaphoreSlim _finish = new(0);
        private readonly SemaphoreSlim _started = new(0);
        private int _begun;

        public Exception? Failure { get; set; }

        public void Sync()
        {
            Interlocked.Increment(ref _begun);
            _started.Release();
            _finish.Wait();
            if (Failure is { } failure)
            {
                throw failure;
            }
        }

        /// <summary>Completes once the given number of syncs have begun.</summary>
        public async Task Started(int count)
        {
            while (Volatile.Read(ref _begun) < count)
            {
                await _started.WaitAsync().ConfigureAwait(false);
            }
        }

        public void Finish() => _finish.Release();

        public void Dispose()
        {
            _finish.Release(100);
        }
    }
}
