namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>One leg of a balanced transaction: an amount to one account.</summary>
/// <remarks>A positive amount is a debit, a negative one a credit; a transaction's postings sum to zero.</remarks>
/// <param name="AccountCode">The account's code in the <see cref="ChartOfAccounts"/>.</param>
/// <param name="Amount">The amount, rounded to the currency's minor unit; debit positive.</param>
/// <param name="Memo">What the leg is for, such as <c>VAT</c> or a line's description.</param>
public readonly record struct Posting(string AccountCode, decimal Amount, string? Memo);
