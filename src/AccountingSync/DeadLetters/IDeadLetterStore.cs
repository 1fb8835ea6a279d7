using AccountingSync.Idempotency;

namespace AccountingSync.DeadLetters;

/// <summary>
/// Keeps the records the pipeline could not deliver, with their reasons, until they are replayed or purged.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use. Every implementation must pass the store conformance suite.</remarks>
public interface IDeadLetterStore
{
    /// <summary>
    /// Adds an entry, or, when one with the same key exists, updates its reason, problems and last failure time,
    /// adds the attempts and keeps the first failure time.
    /// </summary>
    /// <param name="letter">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the entry is durable.</returns>
    ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Lists entries, oldest first failure first.</summary>
    /// <param name="query">Which entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterQuery query, CancellationToken cancellationToken);

    /// <summary>Removes entries, after a successful replay or a purge.</summary>
    /// <param name="keys">The entries' keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were removed.</returns>
    ValueTask<int> RemoveAsync(IReadOnlyCollection<IdempotencyKey> keys, CancellationToken cancellationToken);

    /// <summary>Counts all entries.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries.</returns>
    ValueTask<long> CountAsync(CancellationToken cancellationToken);
}
