using Microsoft.Data.Sqlite;

namespace AccountingSync.Benchmarks.Ledger;

/// <summary>The baselines: the rows the targets write, inserted with prepared commands in one transaction.</summary>
public partial class LedgerTargetBenchmarks
{
    private void RawSqlInsert(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var txn = connection.CreateCommand();
        txn.Transaction = transaction;
        txn.CommandText =
            "INSERT INTO ledger_transactions (idempotency_key, source_system, source_type, source_id, version_kind, "
            + "version_ordinal, version_tag, document_kind, operation, posted_on, currency, currency_digits, total_minor, "
            + "number, description, is_current, written_at) VALUES (@key, 'shop', 'invoice', @id, 2, 1, NULL, 'Invoice', "
            + "'Upsert', '2026-11-30', 'GBP', 2, 2190, @number, @number, 1, '2026-12-01T00:00:00Z') RETURNING id";
        var key = txn.Parameters.Add("@key", SqliteType.Text);
        var id = txn.Parameters.Add("@id", SqliteType.Text);
        var number = txn.Parameters.Add("@number", SqliteType.Text);
        using var split = connection.CreateCommand();
        split.Transaction = transaction;
        split.CommandText = "INSERT INTO ledger_splits (transaction_id, account_code, amount_minor, currency, memo) "
            + "VALUES (@t, @a, @m, 'GBP', @number)";
        var t = split.Parameters.Add("@t", SqliteType.Integer);
        var a = split.Parameters.Add("@a", SqliteType.Text);
        var m = split.Parameters.Add("@m", SqliteType.Integer);
        var memo = split.Parameters.Add("@number", SqliteType.Text);
        for (var i = 0; i < _writes.Length; i++)
        {
            key.Value = _writes[i].Key.ToString();
            id.Value = _writes[i].Document.Source.Id;
            number.Value = memo.Value = "INV-" + _writes[i].Document.Source.Id;
            t.Value = (long)txn.ExecuteScalar()!;
            foreach (var (account, amount) in Legs)
            {
                a.Value = account;
                m.Value = amount;
                split.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private void RawGnuCashInsert(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var txn = Prepared(connection, transaction,
            "INSERT INTO transactions VALUES (@g, 'c', @n, '2026-11-30 10:59:00', '2026-12-01 00:00:00', @n)", "@g", "@n");
        using var slot = Prepared(connection, transaction,
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, string_val, numeric_val_num, numeric_val_denom) "
            + "VALUES (@g, @name, 4, 0, @v, 0, 1)", "@g", "@name", "@v");
        using var split = Prepared(connection, transaction,
            "INSERT INTO splits VALUES (@s, @g, @a, '', '', 'n', '1970-01-01 00:00:00', @v, 100, @v, 100, NULL)",
            "@s", "@g", "@a", "@v");
        for (var i = 0; i < _writes.Length; i++)
        {
            var guid = Guid.NewGuid().ToString("N");
            txn.Parameters[0].Value = guid;
            txn.Parameters[1].Value = "INV-" + i;
            txn.ExecuteNonQuery();

            // The target writes a date-posted slot, seven identity slots and one state slot per transaction.
            for (var s = 0; s < 9; s++)
            {
                slot.Parameters[0].Value = guid;
                slot.Parameters[1].Value = "slot-" + s;
                slot.Parameters[2].Value = _writes[i].Key.ToString();
                slot.ExecuteNonQuery();
            }

            foreach (var (account, amount) in Legs)
            {
                split.Parameters[0].Value = Guid.NewGuid().ToString("N");
                split.Parameters[1].Value = guid;
                split.Parameters[2].Value = account;
                split.Parameters[3].Value = amount;
                split.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static readonly (string Account, long Minor)[] Legs = [("1100", 2190), ("4000", -1825), ("2200", -365)];

    private static SqliteCommand Prepared(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
