using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>A document turned into one balanced transaction, ready for a ledger target.</summary>
/// <remarks>
/// Built by <see cref="PostingMapper"/>; <see cref="Postings"/> sum to zero in minor units and every amount
/// is rounded to the currency. A delete or void carries no postings of its own: the target reverses or
/// removes what it holds for the source. This type is immutable and thread-safe.
/// </remarks>
public sealed record LedgerEntry
{
    /// <summary>Gets the idempotency key of the write that produced the entry.</summary>
    public required IdempotencyKey Key { get; init; }

    /// <summary>Gets the source identity.</summary>
    public required SourceIdentity Source { get; init; }

    /// <summary>Gets the source version.</summary>
    public SourceVersion Version { get; init; }

    /// <summary>Gets the kind of document.</summary>
    public DocumentKind Kind { get; init; }

    /// <summary>Gets the operation: upsert posts, delete and void take back.</summary>
    public ChangeOperation Operation { get; init; }

    /// <summary>Gets the transaction date.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Gets the currency of every posting.</summary>
    public Currency Currency { get; init; }

    /// <summary>Gets the document number, when it has one.</summary>
    public string? Number { get; init; }

    /// <summary>Gets a one-line description for the transaction.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the document's total as reconciliation compares it (a sale's total, a payment's amount).</summary>
    public decimal Total { get; init; }

    /// <summary>Gets the balanced postings; empty for a delete or void.</summary>
    public IReadOnlyList<Posting> Postings { get; init; } = [];

    /// <summary>Converts an amount of this entry's currency to integer minor units.</summary>
    /// <param name="amount">An amount rounded to the currency.</param>
    /// <returns>The amount in minor units (pence, cents).</returns>
    public long ToMinor(decimal amount) => Minor.From(amount, Currency);
}
