using AccountingSync.Targets.Ledger.Mapping;
using AccountingSync.Targets.Ledger.Sql;

namespace AccountingSync.Batch.Conformance;

/// <summary>A real SQLite ledger whose chart has the accounts the retail mapping books non-product lines to.</summary>
public static class RetailLedger
{
    public static SqlLedgerTarget Create(string connectionString) => SqlLedgerTarget.ForSqlite(
        connectionString,
        new SqlLedgerOptions
        {
            Posting = new PostingOptions
            {
                Chart = ChartOfAccounts.Default.With(
                    new LedgerAccount("4100", "Postage and Carriage", LedgerAccountType.Income, "Income:Postage and Carriage")),
            },
        });
}
