using AccountingSync.Idempotency;
using AccountingSync.Model.Documents;

namespace AccountingSync.Connectors;

/// <summary>One write for a target: a document, what to do with it, and the key that makes it idempotent.</summary>
/// <param name="Key">
/// The idempotency key, derived from target, entity and version. A target must treat a second write with the
/// same key as the same write (answer <see cref="WriteStatus.AlreadyApplied"/>), which is what makes a retry
/// after a lost response safe.
/// </param>
/// <param name="Document">The document.</param>
/// <param name="Operation">Upsert, delete or void.</param>
public readonly record struct TargetWrite(IdempotencyKey Key, AccountingDocument Document, ChangeOperation Operation)
{
    /// <summary>Gets the name of the pipeline lane the write travelled, or null when it did not come through one.</summary>
    /// <remarks>A target may treat lanes differently; see the ledger package's daily summary target.</remarks>
    public string? Lane { get; init; }
}
