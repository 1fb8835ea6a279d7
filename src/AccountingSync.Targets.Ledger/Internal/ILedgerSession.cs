using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// One bulk call's unit of work against a ledger's storage. Reads see the session's own earlier writes;
/// nothing is visible to others until <see cref="CommitAsync"/>, and disposing without it rolls back.
/// </summary>
internal interface ILedgerSession : IAsyncDisposable
{
    /// <summary>Loads what the finds of this call will ask for, where a round-trip per find would cost.</summary>
    ValueTask PrefetchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken);

    ValueTask<string?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken);

    ValueTask<StoredEntry?> FindCurrentAsync(SourceIdentity source, CancellationToken cancellationToken);

    /// <summary>Records the entry as the entity's current state, taking back <paramref name="previous"/>.</summary>
    ValueTask<string> ApplyAsync(LedgerEntry entry, StoredEntry? previous, CancellationToken cancellationToken);

    ValueTask CommitAsync(CancellationToken cancellationToken);
}
