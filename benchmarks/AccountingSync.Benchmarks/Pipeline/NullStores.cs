using AccountingSync.Checkpoints;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Pipeline;

namespace AccountingSync.Benchmarks.Pipeline;

/// <summary>
/// Stores that remember nothing and allocate nothing, so a run over them measures the pipeline's own machinery.
/// </summary>
internal sealed class NullStores : IIdempotencyStore, IDeduplicationStore, ICheckpointStore, IDeadLetterStore
{
    public static SyncStores Create()
    {
        var stores = new NullStores();
        return new SyncStores(stores, stores, stores, stores);
    }

    public ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken) => default;

    public ValueTask<CommittedWrite?> FindLatestAsync(string target, SourceIdentity entity, CancellationToken cancellationToken) => default;

    public ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken) => default;

    public ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken) => default;

    public ValueTask AddAsync(string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt,
        CancellationToken cancellationToken) => default;

    public ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken) => default;

    public ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken) => default;

    public ValueTask<Checkpoint?> TrySaveAsync(string stream, string? cursor, long expectedRevision,
        DateTimeOffset savedAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Checkpoint?>(new Checkpoint(stream, cursor, expectedRevision + 1, savedAt));

    public ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken) => default;

    public ValueTask<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<DeadLetter>>([]);

    public ValueTask<int> RemoveAsync(IReadOnlyCollection<IdempotencyKey> keys, CancellationToken cancellationToken) => default;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => default;
}
