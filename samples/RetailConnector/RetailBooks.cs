using AccountingSync.Targets.Ledger.Mapping;
using AccountingSync.Targets.Ledger.Sql;

namespace RetailConnector;

/// <summary>
/// The local books the samples sync into: a double-entry SQL ledger in SQLite whose chart has every account the
/// retail rules book to (postage and carriage go to 4100, which the default chart lacks).
/// </summary>
public static class RetailBooks
{
    /// <summary>Creates the books and their schema.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="cancellationToken">Cancels the schema creation.</param>
    /// <returns>The books.</returns>
    public static async Task<SqlLedgerTarget> OpenAsync(string path, string name, CancellationToken cancellationToken)
    {
        var books = SqlLedgerTarget.ForSqlite($"Data Source={path}", new SqlLedgerOptions
        {
            Name = name,
            Posting = new PostingOptions
            {
                Chart = ChartOfAccounts.Default.With(
                    new LedgerAccount("4100", "Postage and Carriage", LedgerAccountType.Income, "Income:Postage and Carriage")),
            },
        });
        await books.EnsureSchemaAsync(cancellationToken);
        return books;
    }
}
