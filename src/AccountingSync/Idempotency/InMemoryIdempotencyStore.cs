using System.Collections.Concurrent;
using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in process memory: for tests, benchmarks and single-run tools.
/// Everything is lost when the process ends; use the SQLite or PostgreSQL store for real syncs.
/// </summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<IdempotencyKey, CommittedWrite> _byKey = new();
    private readonly ConcurrentDictionary<(string Target, SourceIdentity Entity), CommittedWrite> _latest = new();
    private readonly Lock _commitLock = new();

    /// <summary>Gets how many outcomes are stored.</summary>
    public int Count => _byKey.Count;

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byKey.GetValueOrDefault(key));

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindLatestAsync(
        string target, SourceIdentity entity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_latest.GetValueOrDefault((target, entity)));

    /// <inheritdoc />
    public ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();

        // One lock makes the batch atomic to readers of "latest" and keeps the never-backwards rule race-free.
        lock (_commitLock)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                _byKey.TryAdd(write.Key, write);
                var latestKey = (write.Target, write.Entity);
                if (!_latest.TryGetValue(latestKey, out var current)
                    || write.Version.CompareTo(current.Version) is not (Model.VersionOrder.Older or Model.VersionOrder.Same))
                {
                    _latest[latestKey] = write;
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
