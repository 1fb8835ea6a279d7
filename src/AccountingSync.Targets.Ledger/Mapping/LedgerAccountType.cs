namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>The class of a ledger account, which decides its normal balance and where reports show it.</summary>
/// <remarks>The names follow GnuCash's account types, so a chart maps onto a GnuCash book one to one.</remarks>
public enum LedgerAccountType
{
    /// <summary>Something the business owns.</summary>
    Asset = 0,

    /// <summary>A bank account.</summary>
    Bank = 1,

    /// <summary>Cash in hand or in the till.</summary>
    Cash = 2,

    /// <summary>Money customers owe (accounts receivable).</summary>
    Receivable = 3,

    /// <summary>Something the business owes.</summary>
    Liability = 4,

    /// <summary>Money owed to suppliers (accounts payable).</summary>
    Payable = 5,

    /// <summary>The owners' stake.</summary>
    Equity = 6,

    /// <summary>Revenue, including contra-revenue such as discounts and returns.</summary>
    Income = 7,

    /// <summary>A cost of running the business.</summary>
    Expense = 8,
}
