using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// One bulk call on a GnuCash book, in one SQLite transaction. Source identity, key, version and state live in
/// the transaction's slots (GnuCash's own key-value store, kept through edits in GnuCash); the document number
/// goes to <c>num</c> and a readable line to <c>description</c>, where a person looks for them.
/// </summary>
internal sealed class GnuCashSession(
    SqliteConnection connection, SqliteTransaction transaction, TimeProvider time, Currency currency,
    string commodity, IReadOnlyDictionary<string, string> accounts) : ILedgerSession
{
    internal const string Prefix = "accountingsync-";

    private readonly CommandCache _commands = new(connection, transaction);

    public ValueTask PrefetchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<string?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var find = _commands.Get(
            "SELECT obj_guid FROM slots WHERE name = @n AND string_val = @k", ("n", Prefix + "key"), ("k", key.ToString()));
        return ValueTask.FromResult(find.ExecuteScalar() as string);
    }

    public ValueTask<StoredEntry?> FindCurrentAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        var find = _commands.Get(
            "SELECT s.obj_guid FROM slots s JOIN slots c ON c.obj_guid = s.obj_guid AND c.name = @cur AND c.int64_val = 1 "
            + "WHERE s.name = @src AND s.string_val = @id",
            ("cur", Prefix + "current"), ("src", Prefix + "source"), ("id", source.ToString()));
        return ValueTask.FromResult(find.ExecuteScalar() is string guid ? Load(guid, source) : null);
    }

    public ValueTask<string> ApplyAsync(LedgerEntry entry, StoredEntry? previous, CancellationToken cancellationToken)
    {
        if (entry.Currency != currency)
        {
            throw new PostingException(
                $"The book keeps {currency.Code}; {entry.Kind} {entry.Source} is in {entry.Currency.Code} "
                + "and the book holds no exchange rates.");
        }

        var legs = entry.Postings.Select(p => (accounts[p.AccountCode], entry.ToMinor(p.Amount))).ToList();
        if (previous is not null)
        {
            Run("UPDATE slots SET int64_val = 0 WHERE obj_guid = @g AND name = @n",
                ("g", previous.TargetId), ("n", Prefix + "current"));
            if (previous.Operation == ChangeOperation.Upsert)
            {
                var reversal = previous.Postings.Select(p => (p.AccountCode, -entry.ToMinor(p.Amount))).ToList();
                if (entry.Operation != ChangeOperation.Upsert)
                {
                    // A delete or void is the reversal itself, and becomes the entity's state.
                    legs = reversal;
                }
                else
                {
                    var reversed = Insert(entry, "Reversal: " + entry.Description, reversal);
                    Slot(reversed, "source", entry.Source.ToString());
                    Slot(reversed, "reverses", previous.TargetId);
                }
            }
        }

        var guid = Insert(entry, entry.Description, legs);
        Slot(guid, "source", entry.Source.ToString());
        Slot(guid, "key", entry.Key.ToString());
        Slot(guid, "kind", entry.Kind.ToString());
        Slot(guid, "operation", entry.Operation.ToString());
        Slot(guid, "version", HledgerText.FormatVersion(entry.Version));
        Slot(guid, "total", entry.ToMinor(entry.Total).ToString(CultureInfo.InvariantCulture));
        Run(
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, numeric_val_num, numeric_val_denom) VALUES (@g, @n, 1, 1, 0, 1)",
            ("g", guid), ("n", Prefix + "current"));
        return ValueTask.FromResult(guid);
    }

    public List<SourceIdentity> CurrentSources(string system)
    {
        var sources = new List<SourceIdentity>();
        var find = _commands.Get(
            "SELECT s.string_val FROM slots s JOIN slots c ON c.obj_guid = s.obj_guid AND c.name = @cur AND c.int64_val = 1 "
            + "WHERE s.name = @src AND s.string_val LIKE @prefix",
            ("cur", Prefix + "current"), ("src", Prefix + "source"), ("prefix", system.Replace("%", "", StringComparison.Ordinal) + "/%"));
        using var reader = find.ExecuteReader();
        while (reader.Read())
        {
            if (HledgerText.ParseSource(reader.GetString(0)) is { } source && source.System == system)
            {
                sources.Add(source);
            }
        }

        return sources;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _commands.Dispose();
        transaction.Dispose();
        connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Insert(LedgerEntry entry, string description, List<(string Account, long Minor)> legs)
    {
        var guid = GnuCashBook.NewGuid();
        var scale = Minor.Scale(currency);

        // GnuCash stores a posting date at 10:59 UTC so that it shows as the same day in every time zone.
        Run("INSERT INTO transactions VALUES (@g, @c, @num, @post, @enter, @d)",
            ("g", guid), ("c", commodity), ("num", entry.Number ?? string.Empty),
            ("post", entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 10:59:00"),
            ("enter", time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), ("d", description));
        Run(
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, timespec_val, numeric_val_num, numeric_val_denom, gdate_val) "
            + "VALUES (@g, 'date-posted', 10, 0, '1970-01-01 00:00:00', 0, 1, @d)",
            ("g", guid), ("d", entry.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
        foreach (var (account, minor) in legs)
        {
            Run(
                "INSERT INTO splits VALUES (@g, @t, @a, '', '', 'n', '1970-01-01 00:00:00', @v, @s, @v, @s, NULL)",
                ("g", GnuCashBook.NewGuid()), ("t", guid), ("a", account), ("v", minor), ("s", scale));
        }

        return guid;
    }

    private void Run(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        _commands.Get(sql, parameters).ExecuteNonQuery();

    private void Slot(string guid, string name, string value) =>
        Run(
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, string_val, numeric_val_num, numeric_val_denom) "
            + "VALUES (@g, @n, 4, 0, @v, 0, 1)", ("g", guid), ("n", Prefix + name), ("v", value));

    private StoredEntry Load(string guid, SourceIdentity source)
    {
        var slots = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = GnuCashBook.Command(connection, transaction,
                   "SELECT name, string_val FROM slots WHERE obj_guid = @g AND slot_type = 4", ("g", guid)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                slots[reader.GetString(0)] = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            }
        }

        var postings = new List<Posting>();
        using (var read = GnuCashBook.Command(connection, transaction,
                   "SELECT account_guid, value_num, value_denom FROM splits WHERE tx_guid = @g", ("g", guid)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                // The code field holds the GnuCash account GUID here: a reversal posts back to the same accounts.
                postings.Add(new Posting(reader.GetString(0), (decimal)reader.GetInt64(1) / reader.GetInt64(2), null));
            }
        }

        var dateRead = _commands.Get("SELECT post_date FROM transactions WHERE guid = @g", ("g", guid));
        var date = DateOnly.ParseExact(((string)dateRead.ExecuteScalar()!)[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var total = long.Parse(slots.GetValueOrDefault(Prefix + "total", "0"), CultureInfo.InvariantCulture);
        return new StoredEntry(guid, source, HledgerText.ParseVersion(slots.GetValueOrDefault(Prefix + "version", "none")),
            Enum.TryParse<ChangeOperation>(slots.GetValueOrDefault(Prefix + "operation"), out var op) ? op : ChangeOperation.Upsert,
            Enum.TryParse<DocumentKind>(slots.GetValueOrDefault(Prefix + "kind"), out var kind) ? kind : DocumentKind.JournalEntry,
            date, currency, Minor.ToAmount(total, currency), postings);
    }
}
