using System.Data.Common;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>One bulk call on the SQL ledger: one connection, one database transaction.</summary>
internal sealed class SqlLedgerSession(DbConnection connection, DbTransaction transaction, TimeProvider time)
    : ILedgerSession
{
    internal const string CurrentColumns =
        "id, source_system, source_type, source_id, version_kind, version_ordinal, version_tag, operation, "
        + "document_kind, posted_on, currency, currency_digits, total_minor";

    public async ValueTask<string?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        using var command = Command("SELECT id FROM ledger_transactions WHERE idempotency_key = @key");
        Add(command, "key", key.ToString());
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask<StoredEntry?> FindCurrentAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        using var command = Command(
            $"SELECT {CurrentColumns} FROM ledger_transactions WHERE source_system = @system AND source_type = @type "
            + "AND source_id = @id AND is_current = 1");
        Add(command, "system", source.System);
        Add(command, "type", source.EntityType);
        Add(command, "id", source.Id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    public async ValueTask<string> ApplyAsync(LedgerEntry entry, StoredEntry? previous, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            // The SQL ledger mirrors the source's current state: the superseded row stays as an audit record
            // of what was applied, but its splits go, so account balances are plain sums over ledger_splits.
            using var retire = Command(
                "UPDATE ledger_transactions SET is_current = 0 WHERE id = @id; "
                + "DELETE FROM ledger_splits WHERE transaction_id = @id");
            Add(retire, "id", long.Parse(previous.TargetId, System.Globalization.CultureInfo.InvariantCulture));
            await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var insert = Command(
            "INSERT INTO ledger_transactions (idempotency_key, source_system, source_type, source_id, version_kind, "
            + "version_ordinal, version_tag, document_kind, operation, posted_on, currency, currency_digits, total_minor, "
            + "number, description, is_current, written_at) VALUES (@key, @system, @type, @id, @vkind, @vordinal, @vtag, "
            + "@kind, @operation, @date, @currency, @digits, @total, @number, @description, 1, @now) RETURNING id");
        Add(insert, "key", entry.Key.ToString());
        Add(insert, "system", entry.Source.System);
        Add(insert, "type", entry.Source.EntityType);
        Add(insert, "id", entry.Source.Id);
        Add(insert, "vkind", (int)entry.Version.Kind);
        Add(insert, "vordinal", entry.Version.Ordinal);
        Add(insert, "vtag", entry.Version.Tag);
        Add(insert, "kind", entry.Kind.ToString());
        Add(insert, "operation", entry.Operation.ToString());
        Add(insert, "date", entry.Date);
        Add(insert, "currency", entry.Currency.Code);
        Add(insert, "digits", entry.Currency.MinorUnits);
        Add(insert, "total", entry.ToMinor(entry.Total));
        Add(insert, "number", entry.Number);
        Add(insert, "description", entry.Description);
        Add(insert, "now", time.GetUtcNow());
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);

        await InsertSplitsAsync(id, entry, cancellationToken).ConfigureAwait(false);
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken) =>
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    internal static StoredEntry ReadEntry(DbDataReader reader)
    {
        var digits = Convert.ToInt32(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture);
        var code = reader.GetString(10);
        var currency = new Currency(code, digits);
        return new StoredEntry(
            Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!,
            new SourceIdentity(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
            SourceVersion.FromParts(
                (SourceVersionKind)Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? null : reader.GetString(6)),
            Enum.Parse<ChangeOperation>(reader.GetString(7)),
            Enum.Parse<DocumentKind>(reader.GetString(8)),
            reader.GetFieldValue<DateOnly>(9),
            currency,
            Minor.ToAmount(Convert.ToInt64(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture), currency),
            []);
    }

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async ValueTask InsertSplitsAsync(long transactionId, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Postings.Count == 0)
        {
            return;
        }

        using var split = Command(
            "INSERT INTO ledger_splits (transaction_id, account_code, amount_minor, currency, memo) "
            + "VALUES (@txn, @account, @amount, @currency, @memo)");
        var account = split.CreateParameter();
        var amount = split.CreateParameter();
        var memo = split.CreateParameter();
        Add(split, "txn", transactionId);
        Add(split, "currency", entry.Currency.Code);
        account.ParameterName = "account";
        amount.ParameterName = "amount";
        memo.ParameterName = "memo";
        split.Parameters.Add(account);
        split.Parameters.Add(amount);
        split.Parameters.Add(memo);
        foreach (var posting in entry.Postings)
        {
            account.Value = posting.AccountCode;
            amount.Value = entry.ToMinor(posting.Amount);
            memo.Value = (object?)posting.Memo ?? DBNull.Value;
            await split.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
