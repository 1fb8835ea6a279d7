using AccountingSync.Model;

namespace AccountingSync.Targets.Ledger.Summary;

/// <summary>Settings of a <see cref="DailySummaryTarget"/>.</summary>
public sealed record DailySummaryOptions
{
    /// <summary>Gets the SQLite file that remembers which receipts each day's journal holds; created when missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Gets the pipeline lane whose sales receipts are summarised; writes from other lanes pass through.</summary>
    /// <value>Defaults to <c>summary</c>.</value>
    public string Lane { get; init; } = "summary";

    /// <summary>Gets the source system the summary journals are booked under.</summary>
    /// <value>
    /// Defaults to <c>daily-summary</c>: the journal of 8 December 2010 in GBP is <c>daily-summary/journal/2010-12-08.GBP</c>.
    /// </value>
    public string System { get; init; } = "daily-summary";

    /// <summary>Gets the account debited with the day's takings (tax included).</summary>
    /// <value>Defaults to 1000, cash.</value>
    public string DebitAccount { get; init; } = "1000";

    /// <summary>Gets the account credited with the day's net sales.</summary>
    /// <value>Defaults to 4000, sales.</value>
    public string SalesAccount { get; init; } = "4000";

    /// <summary>Gets the account credited with the day's tax.</summary>
    /// <value>Defaults to 2200, tax payable.</value>
    public string TaxAccount { get; init; } = "2200";

    /// <summary>Gets how each receipt's net and tax are rounded before they are summed.</summary>
    /// <value>Defaults to per-line tax, away from zero.</value>
    public RoundingPolicy Rounding { get; init; } = RoundingPolicy.Default;
}
