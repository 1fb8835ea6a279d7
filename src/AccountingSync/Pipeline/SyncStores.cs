using AccountingSync.Checkpoints;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;

namespace AccountingSync.Pipeline;

/// <summary>The four stores a pipeline keeps its state in. Every backend provides all four.</summary>
/// <param name="Idempotency">Outcomes of acknowledged writes.</param>
/// <param name="Deduplication">Event ids already processed.</param>
/// <param name="Checkpoints">Resume positions of streams.</param>
/// <param name="DeadLetters">Records that could not be delivered.</param>
public sealed record SyncStores(
    IIdempotencyStore Idempotency,
    IDeduplicationStore Deduplication,
    ICheckpointStore Checkpoints,
    IDeadLetterStore DeadLetters)
{
    /// <summary>Creates a fresh set of in-memory stores, for tests and single-run tools.</summary>
    /// <returns>The stores.</returns>
    public static SyncStores InMemory() => new(
        new InMemoryIdempotencyStore(), new InMemoryDeduplicationStore(),
        new InMemoryCheckpointStore(), new InMemoryDeadLetterStore());
}
