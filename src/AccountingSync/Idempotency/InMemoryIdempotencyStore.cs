using System.Runtime.InteropServices;
using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in process memory: for tests, benchmarks and single-run tools.
/// Everything is lost when the process ends; use the SQLite or PostgreSQL store for real syncs.
/// </summary>
/// <remarks>
/// This type is thread-safe. One lock guards both indexes, so a batch is committed all or none, as the contract
/// asks, and the latest version of an entity moves forward only.
/// </remarks>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    // Plain dictionaries behind one short lock rather than concurrent ones: their entries live in arrays, so a
    // store holding millions of outcomes allocates no node per outcome for the garbage collector to copy and
    // trace. A lookup holds the lock for tens of nanoseconds and a commit takes it once per batch.
    private readonly Lock _gate = new();
    private readonly Dictionary<IdempotencyKey, CommittedWrite> _byKey = [];
    private readonly Dictionary<string, Dictionary<SourceIdentity, CommittedWrite>> _latest = new(StringComparer.Ordinal);

    /// <summary>Gets how many outcomes are stored.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_byKey.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindLatestAsync(
        string target, SourceIdentity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(entity);
        lock (_gate)
        {
            return ValueTask.FromResult(_latest.TryGetValue(target, out var entities) ? entities.GetValueOrDefault(entity) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Dictionary<SourceIdentity, CommittedWrite>? entities = null;
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                _byKey.TryAdd(write.Key, write);
                if (entities is null || !ReferenceEquals(write.Target, writes[i - 1].Target))
                {
                    entities = EntitiesOf(write.Target);
                }

                // One hash lookup: the slot is added when missing and replaced only by a newer version.
                ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(entities, write.Entity, out var existed);
                if (!existed || write.Version.CompareTo(latest!.Version) is not (VersionOrder.Older or VersionOrder.Same))
                {
                    latest = write;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private Dictionary<SourceIdentity, CommittedWrite> EntitiesOf(string target)
    {
        if (!_latest.TryGetValue(target, out var entities))
        {
            _latest[target] = entities = [];
        }

        return entities;
    }
}
