using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>The accounts postings may use, looked up by code.</summary>
/// <remarks>
/// <para>
/// <see cref="Default"/> is a small retailer's chart whose paths match GnuCash's own business template, so a
/// book created from that template gains only the few accounts it lacks (VAT, discounts, returns, fees).
/// Add accounts with <see cref="With"/>; journal entries and sales lines may name any code in the chart.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class ChartOfAccounts
{
    private readonly FrozenDictionary<string, LedgerAccount> _byCode;

    /// <summary>Creates a chart.</summary>
    /// <param name="accounts">The accounts; codes and paths must be unique.</param>
    /// <exception cref="ArgumentException">Two accounts share a code or a path.</exception>
    public ChartOfAccounts(IEnumerable<LedgerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var list = accounts.ToList();
        var byCode = new Dictionary<string, LedgerAccount>(StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in list)
        {
            if (!byCode.TryAdd(account.Code, account))
            {
                throw new ArgumentException($"The chart has two accounts with code '{account.Code}'.", nameof(accounts));
            }

            if (!paths.Add(account.Path))
            {
                throw new ArgumentException($"The chart has two accounts at path '{account.Path}'.", nameof(accounts));
            }
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
        Accounts = list;
    }

    /// <summary>Gets a small retailer's chart: cash, bank, receivables, VAT, sales, discounts, returns, fees, equity.</summary>
    public static ChartOfAccounts Default { get; } = new(
    [
        new("1000", "Cash", LedgerAccountType.Cash, "Assets:Current Assets:Petty Cash"),
        new("1100", "Accounts Receivable", LedgerAccountType.Receivable, "Assets:Accounts Receivable"),
        new("1200", "Bank", LedgerAccountType.Bank, "Assets:Current Assets:Checking Account"),
        new("2100", "Accounts Payable", LedgerAccountType.Payable, "Liabilities:Accounts Payable"),
        new("2200", "VAT Payable", LedgerAccountType.Liability, "Liabilities:VAT Payable"),
        new("3000", "Opening Balances", LedgerAccountType.Equity, "Equity:Opening Balances"),
        new("4000", "Sales", LedgerAccountType.Income, "Income:Sales"),
        new("4010", "Sales Discounts", LedgerAccountType.Income, "Income:Sales Discounts"),
        new("4020", "Sales Returns and Refunds", LedgerAccountType.Income, "Income:Sales Returns and Refunds"),
        new("4900", "Other Income", LedgerAccountType.Income, "Income:Other Income"),
        new("6100", "Payment Processor Fees", LedgerAccountType.Expense, "Expenses:Payment Processor Fees"),
        new("6200", "Bank Service Charges", LedgerAccountType.Expense, "Expenses:Bank Service Charge"),
    ]);

    /// <summary>Gets the accounts, in the order given.</summary>
    public IReadOnlyList<LedgerAccount> Accounts { get; }

    /// <summary>Looks up an account by code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="account">The account when found.</param>
    /// <returns><see langword="true"/> when the chart has the code.</returns>
    public bool TryGet(string code, [NotNullWhen(true)] out LedgerAccount? account) =>
        _byCode.TryGetValue(code, out account);

    /// <summary>Returns a chart with more accounts, or with accounts replaced by code.</summary>
    /// <param name="accounts">The accounts to add or replace.</param>
    /// <returns>The new chart.</returns>
    public ChartOfAccounts With(params IEnumerable<LedgerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var added = accounts.ToList();
        var codes = added.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        return new ChartOfAccounts(Accounts.Where(a => !codes.Contains(a.Code)).Concat(added));
    }
}
