using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Hledger;

/// <summary>Settings of a <see cref="HledgerJournalTarget"/>.</summary>
public sealed record HledgerJournalOptions
{
    /// <summary>Gets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>hledger</c>.</value>
    public string Name { get; init; } = "hledger";

    /// <summary>Gets the posting mapping; accounts are written by their <see cref="LedgerAccount.Path"/>.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    public PostingOptions Posting { get; init; } = new();

    /// <summary>Gets the largest number of writes one bulk call takes; each call is one append to the file.</summary>
    /// <value>Defaults to 500.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    public int MaxBulkSize { get; init; } = 500;
}
