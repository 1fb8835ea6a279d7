using System.ComponentModel.DataAnnotations;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Hledger;

/// <summary>Settings of a <see cref="HledgerJournalTarget"/>.</summary>
public sealed class HledgerJournalOptions
{
    /// <summary>Gets or sets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>hledger</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "hledger";

    /// <summary>Gets or sets the posting mapping; accounts are written by their <see cref="LedgerAccount.Path"/>.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    [Required]
    public PostingOptions Posting { get; set; } = new();

    /// <summary>Gets or sets the largest number of writes one bulk call takes; each call is one append to the file.</summary>
    /// <value>Defaults to 500.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    [Range(1, 10_000)]
    public int MaxBulkSize { get; set; } = 500;
}
