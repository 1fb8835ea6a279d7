using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>Settings of a <see cref="GnuCashBookTarget"/>.</summary>
public sealed record GnuCashBookOptions
{
    /// <summary>Gets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>gnucash</c>.</value>
    public string Name { get; init; } = "gnucash";

    /// <summary>Gets the posting mapping; accounts are found, or created, by their <see cref="LedgerAccount.Path"/>.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    public PostingOptions Posting { get; init; } = new();

    /// <summary>Gets the book's currency, which every account and transaction is kept in.</summary>
    /// <value>Defaults to <see cref="Currency.Gbp"/>.</value>
    /// <remarks>Documents in another currency are refused: the book holds no exchange rates.</remarks>
    public Currency Currency { get; init; } = Currency.Gbp;

    /// <summary>
    /// Gets the GnuCash account template (<c>*.gnucash-xea</c>) a new book's accounts are created from, or null
    /// for a book holding only the chart's accounts.
    /// </summary>
    /// <value>Defaults to null.</value>
    public string? TemplatePath { get; init; }

    /// <summary>Gets the largest number of writes one bulk call takes; each call is one database transaction.</summary>
    /// <value>Defaults to 200.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    public int MaxBulkSize { get; init; } = 200;
}
