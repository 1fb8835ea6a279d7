using AccountingSync.Model;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>Which accounts a <see cref="PostingMapper"/> books each part of a document to, and how it rounds.</summary>
/// <remarks>
/// Every code must exist in <see cref="Chart"/>; <see cref="PostingMapper"/> checks them when it is built.
/// A sales line's own <see cref="Model.Documents.SalesLine.AccountCode"/>, or else its item's entry in
/// <see cref="ItemAccounts"/>, overrides <see cref="SalesAccount"/> (and <see cref="RefundsAccount"/> on credit notes); a receipt's
/// <see cref="Model.Documents.SalesReceipt.DepositAccount"/> overrides the bank or cash account.
/// </remarks>
public sealed record PostingOptions
{
    /// <summary>Gets the chart of accounts.</summary>
    /// <value>Defaults to <see cref="ChartOfAccounts.Default"/>.</value>
    public ChartOfAccounts Chart { get; init; } = ChartOfAccounts.Default;

    /// <summary>Gets the rounding applied to line amounts and tax.</summary>
    /// <value>Defaults to <see cref="RoundingPolicy.Default"/> (away from zero, tax per line).</value>
    public RoundingPolicy Rounding { get; init; } = RoundingPolicy.Default;

    /// <summary>Gets the account invoices are owed on and payments settle.</summary>
    /// <value>Defaults to <c>1100</c> (Accounts Receivable).</value>
    public string ReceivablesAccount { get; init; } = "1100";

    /// <summary>Gets the account card and other non-cash takings and payments are deposited to.</summary>
    /// <value>Defaults to <c>1200</c> (Bank).</value>
    public string BankAccount { get; init; } = "1200";

    /// <summary>Gets the account cash takings go to.</summary>
    /// <value>Defaults to <c>1000</c> (Cash).</value>
    public string CashAccount { get; init; } = "1000";

    /// <summary>Gets the payment methods, compared without case, that count as cash.</summary>
    /// <value>Defaults to <c>cash</c>.</value>
    public IReadOnlySet<string> CashMethods { get; init; } =
        new HashSet<string>(["cash"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the account sales are credited to.</summary>
    /// <value>Defaults to <c>4000</c> (Sales).</value>
    public string SalesAccount { get; init; } = "4000";

    /// <summary>Gets the income account of each item code whose sales do not go to <see cref="SalesAccount"/>.</summary>
    /// <value>Defaults to none. Item codes are compared ordinally.</value>
    /// <remarks>
    /// Fill it from the <see cref="Model.Documents.Item.IncomeAccount"/> of synced items. A line's own
    /// <see cref="Model.Documents.SalesLine.AccountCode"/> still wins; every account named must be in the chart.
    /// </remarks>
    public IReadOnlyDictionary<string, string> ItemAccounts { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the contra-revenue account line discounts are debited to.</summary>
    /// <value>Defaults to <c>4010</c> (Sales Discounts).</value>
    /// <remarks>Used only when <see cref="SeparateDiscounts"/> is on.</remarks>
    public string DiscountsAccount { get; init; } = "4010";

    /// <summary>Gets the contra-revenue account credit notes and refunds are debited to.</summary>
    /// <value>Defaults to <c>4020</c> (Sales Returns and Refunds).</value>
    public string RefundsAccount { get; init; } = "4020";

    /// <summary>Gets the liability account output tax is credited to.</summary>
    /// <value>Defaults to <c>2200</c> (VAT Payable).</value>
    public string TaxAccount { get; init; } = "2200";

    /// <summary>Gets the expense account processor fees withheld from payments are debited to.</summary>
    /// <value>Defaults to <c>6100</c> (Payment Processor Fees).</value>
    public string FeesAccount { get; init; } = "6100";

    /// <summary>Gets a value indicating whether discounts are booked gross (sales at list price, discount apart).</summary>
    /// <value>Defaults to <see langword="true"/>, which shows how much was given away; off books sales net.</value>
    public bool SeparateDiscounts { get; init; } = true;
}
