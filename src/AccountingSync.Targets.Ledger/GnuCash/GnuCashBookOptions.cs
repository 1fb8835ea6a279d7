using System.ComponentModel.DataAnnotations;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>Settings of a <see cref="GnuCashBookTarget"/>.</summary>
public sealed class GnuCashBookOptions
{
    /// <summary>Gets or sets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>gnucash</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "gnucash";

    /// <summary>Gets or sets the posting mapping; accounts are found, or created, by their <see cref="LedgerAccount.Path"/>.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    [Required]
    public PostingOptions Posting { get; set; } = new();

    /// <summary>Gets or sets the book's currency, which every account and transaction is kept in.</summary>
    /// <value>Defaults to <see cref="Currency.Gbp"/>.</value>
    /// <remarks>Documents in another currency are refused: the book holds no exchange rates.</remarks>
    public Currency Currency { get; set; } = Currency.Gbp;

    /// <summary>
    /// Gets the GnuCash account template (<c>*.gnucash-xea</c>) a new book's accounts are created from, or null
    /// for a book holding only the chart's accounts.
    /// </summary>
    /// <value>Defaults to null.</value>
    public string? TemplatePath { get; set; }

    /// <summary>Gets or sets the largest number of writes one bulk call takes; each call is one database transaction.</summary>
    /// <value>Defaults to 200.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    [Range(1, 10_000)]
    public int MaxBulkSize { get; set; } = 200;
}
