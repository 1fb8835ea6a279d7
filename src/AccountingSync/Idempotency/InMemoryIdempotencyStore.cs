using System.Collections.Concurrent;
using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in process memory: for tests, benchmarks and single-run tools.
/// Everything is lost when the process ends; use the SQLite or PostgreSQL store for real syncs.
/// </summary>
/// <remarks>
/// This type is thread-safe. Each outcome is stored atomically and the latest version of an entity is moved
/// forward with a compare-and-swap, so commits of different entities never wait on one another. A batch is not
/// atomic as a whole here, which only a crash could observe, and a crash loses this store anyway.
/// </remarks>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<IdempotencyKey, CommittedWrite> _byKey = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<SourceIdentity, CommittedWrite>> _latest =
        new(StringComparer.Ordinal);

    /// <summary>Gets how many outcomes are stored.</summary>
    public int Count => _byKey.Count;

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byKey.GetValueOrDefault(key));

    /// <inheritdoc />
    public ValueTask<CommittedWrite?> FindLatestAsync(
        string target, SourceIdentity entity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_latest.TryGetValue(target, out var entities) ? entities.GetValueOrDefault(entity) : null);

    /// <inheritdoc />
    public ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        ConcurrentDictionary<SourceIdentity, CommittedWrite>? entities = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            _byKey.TryAdd(write.Key, write);
            if (entities is null || !ReferenceEquals(write.Target, writes[i - 1].Target))
            {
                entities = _latest.GetOrAdd(write.Target, static _ => new ConcurrentDictionary<SourceIdentity, CommittedWrite>());
            }

            Advance(entities, write);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Moves an entity's latest write forward, never backwards, with a compare-and-swap loop.</summary>
    private static void Advance(ConcurrentDictionary<SourceIdentity, CommittedWrite> entities, CommittedWrite write)
    {
        while (true)
        {
            if (!entities.TryGetValue(write.Entity, out var current))
            {
                if (entities.TryAdd(write.Entity, write))
                {
                    return;
                }

                continue;
            }

            if (write.Version.CompareTo(current.Version) is VersionOrder.Older or VersionOrder.Same
                || entities.TryUpdate(write.Entity, write, current))
            {
                return;
            }
        }
    }
}
