namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// Where SQLite and PostgreSQL differ for the ledger: only the column types of the schema. Every statement
/// the ledger runs (named parameters, partial unique index, <c>ON CONFLICT</c>, <c>RETURNING</c>) is shared.
/// </summary>
internal sealed class SqlLedgerDialect
{
    public static readonly SqlLedgerDialect Sqlite = new("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "TEXT", "TEXT");
    public static readonly SqlLedgerDialect PostgreSql = new("BIGSERIAL PRIMARY KEY", "BIGINT", "DATE", "TIMESTAMPTZ");

    private SqlLedgerDialect(string identity, string bigint, string date, string timestamp)
    {
        Schema =
        [
            """
            CREATE TABLE IF NOT EXISTS ledger_accounts (
              code TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              account_type TEXT NOT NULL,
              path TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS ledger_transactions (
              id {identity},
              idempotency_key TEXT NOT NULL UNIQUE,
              source_system TEXT NOT NULL,
              source_type TEXT NOT NULL,
              source_id TEXT NOT NULL,
              version_kind INTEGER NOT NULL,
              version_ordinal {bigint} NOT NULL,
              version_tag TEXT,
              document_kind TEXT NOT NULL,
              operation TEXT NOT NULL,
              posted_on {date} NOT NULL,
              currency TEXT NOT NULL,
              currency_digits INTEGER NOT NULL,
              total_minor {bigint} NOT NULL,
              number TEXT,
              description TEXT NOT NULL,
              is_current INTEGER NOT NULL,
              written_at {timestamp} NOT NULL)
            """,
            """
            CREATE UNIQUE INDEX IF NOT EXISTS ux_ledger_transactions_current
              ON ledger_transactions (source_id, source_type, source_system) WHERE is_current = 1
            """,
            "CREATE INDEX IF NOT EXISTS ix_ledger_transactions_system ON ledger_transactions (source_system, is_current)",
            $"""
            CREATE TABLE IF NOT EXISTS ledger_splits (
              id {identity},
              transaction_id {bigint} NOT NULL REFERENCES ledger_transactions (id),
              account_code TEXT NOT NULL REFERENCES ledger_accounts (code),
              amount_minor {bigint} NOT NULL,
              currency TEXT NOT NULL,
              memo TEXT)
            """,
            "CREATE INDEX IF NOT EXISTS ix_ledger_splits_transaction ON ledger_splits (transaction_id)",
            "CREATE INDEX IF NOT EXISTS ix_ledger_splits_account ON ledger_splits (account_code)",
        ];
    }

    public IReadOnlyList<string> Schema { get; }
}
