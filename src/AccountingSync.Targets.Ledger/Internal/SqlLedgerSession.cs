using System.Data.Common;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>One bulk call on the SQL ledger: one connection, one database transaction.</summary>
internal sealed partial class SqlLedgerSession(DbConnection connection, DbTransaction transaction, TimeProvider time)
    : ILedgerSession
{
    private readonly CommandCache _commands = new(connection, transaction);

    // What this session knows for certain, from the prefetch or its own writes; a null value means "none".
    private readonly Dictionary<string, string?> _knownKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceIdentity, StoredEntry?> _knownCurrent = [];

    internal const string CurrentColumns =
        "id, source_system, source_type, source_id, version_kind, version_ordinal, version_tag, operation, "
        + "document_kind, posted_on, currency, currency_digits, total_minor";

    private const string FindCurrentSql =
        $"SELECT {CurrentColumns} FROM ledger_transactions WHERE source_system = @system AND source_type = @type "
        + "AND source_id = @id AND is_current = 1";

    public async ValueTask<string?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        if (_knownKeys.TryGetValue(key.ToString(), out var known))
        {
            return known;
        }

        var command = _commands.Get("SELECT id FROM ledger_transactions WHERE idempotency_key = @key", ("key", key.ToString()));
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask<StoredEntry?> FindCurrentAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        if (_knownCurrent.TryGetValue(source, out var known))
        {
            return known;
        }

        var command = _commands.Get(
            FindCurrentSql, ("system", source.System), ("type", source.EntityType), ("id", source.Id));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    public async ValueTask<string> ApplyAsync(LedgerEntry entry, StoredEntry? previous, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            // The SQL ledger mirrors the source's current state: the superseded row stays as an audit record
            // of what was applied, but its splits go, so account balances are plain sums over ledger_splits.
            var previousId = long.Parse(previous.TargetId, System.Globalization.CultureInfo.InvariantCulture);
            await _commands.Get("UPDATE ledger_transactions SET is_current = 0 WHERE id = @id", ("id", previousId))
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await _commands.Get("DELETE FROM ledger_splits WHERE transaction_id = @id", ("id", previousId))
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var insert = _commands.Get(
            "INSERT INTO ledger_transactions (idempotency_key, source_system, source_type, source_id, version_kind, "
            + "version_ordinal, version_tag, document_kind, operation, posted_on, currency, currency_digits, total_minor, "
            + "number, description, is_current, written_at) VALUES (@key, @system, @type, @id, @vkind, @vordinal, @vtag, "
            + "@kind, @operation, @date, @currency, @digits, @total, @number, @description, 1, @now) RETURNING id",
            ("key", entry.Key.ToString()), ("system", entry.Source.System), ("type", entry.Source.EntityType),
            ("id", entry.Source.Id), ("vkind", (int)entry.Version.Kind), ("vordinal", entry.Version.Ordinal),
            ("vtag", entry.Version.Tag), ("kind", entry.Kind.ToString()), ("operation", entry.Operation.ToString()),
            ("date", entry.Date), ("currency", entry.Currency.Code), ("digits", entry.Currency.MinorUnits),
            ("total", entry.ToMinor(entry.Total)), ("number", entry.Number), ("description", entry.Description),
            ("now", time.GetUtcNow()));
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);

        await InsertSplitsAsync(id, entry, cancellationToken).ConfigureAwait(false);
        var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _knownKeys[entry.Key.ToString()] = text;
        _knownCurrent[entry.Source] = new StoredEntry(text, entry.Source, entry.Version, entry.Operation, entry.Kind,
            entry.Date, entry.Currency, entry.Total, []);
        return text;
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken) =>
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        _commands.Dispose();
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
        var count = entry.Postings.Count;
        if (count == 0)
        {
            return;
        }

        // One multi-row statement per transaction: one round-trip whatever the number of splits.
        var sql = new System.Text.StringBuilder(
            "INSERT INTO ledger_splits (transaction_id, account_code, amount_minor, currency, memo) VALUES ");
        var parameters = new (string, object?)[2 + (3 * count)];
        parameters[0] = ("txn", transactionId);
        parameters[1] = ("currency", entry.Currency.Code);
        for (var i = 0; i < count; i++)
        {
            var posting = entry.Postings[i];
            sql.Append(i == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@txn, @a{i}, @m{i}, @currency, @memo{i})");
            parameters[2 + (3 * i)] = ($"a{i}", posting.AccountCode);
            parameters[3 + (3 * i)] = ($"m{i}", entry.ToMinor(posting.Amount));
            parameters[4 + (3 * i)] = ($"memo{i}", posting.Memo);
        }

        await _commands.Get(sql.ToString(), parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
