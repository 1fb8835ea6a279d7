using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>
/// Remembers every write a target acknowledged, by idempotency key and as the latest version per entity,
/// so that a retried, replayed or re-polled record returns the stored outcome instead of writing again.
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be safe for concurrent use, and <see cref="CommitAsync"/> must be atomic for the whole
/// list: after a crash either every outcome of a batch is stored or none is. A key committed twice keeps its
/// first outcome. The latest version of an entity never moves backwards: committing an older version leaves the
/// newer one in place.
/// </para>
/// <para>Every implementation must pass the store conformance suite in the SDK's tests.</para>
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Finds the outcome stored for a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The outcome, or null when the key was never committed.</returns>
    ValueTask<CommittedWrite?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>Finds the newest version of an entity committed to a target.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The newest committed write, or null when none was.</returns>
    ValueTask<CommittedWrite?> FindLatestAsync(string target, SourceIdentity entity, CancellationToken cancellationToken);

    /// <summary>Stores the outcomes of acknowledged writes, all or none.</summary>
    /// <param name="writes">The outcomes. The store does not keep a reference to the list.</param>
    /// <param name="cancellationToken">Cancels the commit; a cancelled commit stores nothing.</param>
    /// <returns>A task that completes once the outcomes are durable.</returns>
    ValueTask CommitAsync(IReadOnlyList<CommittedWrite> writes, CancellationToken cancellationToken);
}
