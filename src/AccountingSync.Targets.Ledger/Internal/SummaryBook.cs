using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Model;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// The daily summary target's memory: which receipt (at which write key) each day's journal holds, with its
/// amounts, and each day's revision. Amounts are stored as invariant text and summed as decimals, never as REAL.
/// </summary>
internal sealed class SummaryBook : IDisposable
{
    private const string ByEntity = "system = $s AND entity_type = $t AND entity_id = $i";
    private const string ReceiptColumns = "entity_type, entity_id, version_kind, version_ordinal, version_tag, day, currency, gross";
    private readonly SqliteConnection _connection;

    public SummaryBook(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS summary_items (
                system TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL,
                write_key TEXT NOT NULL, version_kind INTEGER NOT NULL, version_ordinal INTEGER NOT NULL, version_tag TEXT,
                day TEXT NOT NULL, currency TEXT NOT NULL, net TEXT NOT NULL, tax TEXT NOT NULL, gross TEXT NOT NULL,
                PRIMARY KEY (system, entity_type, entity_id));
            CREATE INDEX IF NOT EXISTS summary_items_day ON summary_items (day, currency);
            CREATE TABLE IF NOT EXISTS summary_days (
                day TEXT NOT NULL, currency TEXT NOT NULL, revision INTEGER NOT NULL, PRIMARY KEY (day, currency));
            """);
    }

    /// <summary>Folds receipts in or out, in one transaction; returns the days whose content changed or was touched.</summary>
    public HashSet<(string Day, string Currency)> Fold(
        IEnumerable<(TargetWrite Write, string Day, string Currency, SalesTotalsText Amounts)> writes)
    {
        var touched = new HashSet<(string, string)>();
        using var transaction = _connection.BeginTransaction();
        foreach (var (write, day, currency, amounts) in writes)
        {
            var source = write.Document.Source;
            var existing = Scalar(transaction, "SELECT write_key FROM summary_items WHERE " + ByEntity,
                ("$s", source.System), ("$t", source.EntityType), ("$i", source.Id));
            var (oldDay, oldCurrency) = existing is null ? (null, null) : DayOf(transaction, source);
            var changed = false;
            if (write.Operation == ChangeOperation.Upsert && !string.Equals(existing, write.Key.ToString(), StringComparison.Ordinal))
            {
                Run(transaction, """
                    INSERT OR REPLACE INTO summary_items VALUES ($s, $t, $i, $k, $vk, $vo, $vt, $d, $c, $n, $x, $g)
                    """, ("$s", source.System), ("$t", source.EntityType), ("$i", source.Id), ("$k", write.Key.ToString()),
                    ("$vk", (int)write.Document.Version.Kind), ("$vo", write.Document.Version.Ordinal), ("$vt", write.Document.Version.Tag),
                    ("$d", day), ("$c", currency), ("$n", amounts.Net), ("$x", amounts.Tax), ("$g", amounts.Gross));
                changed = true;
            }
            else if (write.Operation != ChangeOperation.Upsert && existing is not null)
            {
                Run(transaction, "DELETE FROM summary_items WHERE " + ByEntity,
                    ("$s", source.System), ("$t", source.EntityType), ("$i", source.Id));
                changed = true;
            }

            if (changed)
            {
                Bump(transaction, day, currency);
                if (oldDay is not null && (oldDay != day || oldCurrency != currency))
                {
                    Bump(transaction, oldDay, oldCurrency!);
                    touched.Add((oldDay, oldCurrency!));
                }
            }

            touched.Add((day, currency));
        }

        transaction.Commit();
        return touched;
    }

    /// <summary>Reads a day's revision and the sums of its receipts.</summary>
    public (long Revision, int Count, decimal Net, decimal Tax, decimal Gross) Day(string day, string currency)
    {
        var revision = Convert.ToInt64(Scalar(null, "SELECT revision FROM summary_days WHERE day = $d AND currency = $c",
            ("$d", day), ("$c", currency)) ?? "0", CultureInfo.InvariantCulture);
        using var command = Command(null, "SELECT net, tax, gross FROM summary_items WHERE day = $d AND currency = $c",
            ("$d", day), ("$c", currency));
        using var reader = command.ExecuteReader();
        var (count, net, tax, gross) = (0, 0m, 0m, 0m);
        while (reader.Read())
        {
            count++;
            net += decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            tax += decimal.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            gross += decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
        }

        return (revision, count, net, tax, gross);
    }

    /// <summary>Reads the summarised receipts of one system, or of one entity.</summary>
    public List<TargetRecord> Receipts(string system, SourceIdentity? entity, string summarySystem)
    {
        using var command = Command(null, entity is null
            ? $"SELECT {ReceiptColumns} FROM summary_items WHERE system = $s"
            : $"SELECT {ReceiptColumns} FROM summary_items WHERE {ByEntity}",
            ("$s", system), ("$t", entity?.EntityType), ("$i", entity?.Id));
        using var reader = command.ExecuteReader();
        var records = new List<TargetRecord>();
        while (reader.Read())
        {
            var day = reader.GetString(5);
            var currency = Currency.FromCode(reader.GetString(6));
            records.Add(new TargetRecord(
                new SourceIdentity(system, reader.GetString(0), reader.GetString(1)),
                $"{summarySystem}/journal/{day}.{currency.Code}",
                Model.Documents.DocumentKind.SalesReceipt,
                SourceVersion.FromParts(
                    (SourceVersionKind)reader.GetInt32(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)),
                new Money(decimal.Parse(reader.GetString(7), CultureInfo.InvariantCulture), currency),
                DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return records;
    }

    public void Dispose() => _connection.Dispose();

    private (string?, string?) DayOf(SqliteTransaction transaction, SourceIdentity source)
    {
        using var command = Command(transaction, "SELECT day, currency FROM summary_items WHERE " + ByEntity,
            ("$s", source.System), ("$t", source.EntityType), ("$i", source.Id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : (null, null);
    }

    private void Bump(SqliteTransaction transaction, string day, string currency) => Run(transaction, """
        INSERT INTO summary_days VALUES ($d, $c, 1) ON CONFLICT (day, currency) DO UPDATE SET revision = revision + 1
        """, ("$d", day), ("$c", currency));

    private void Execute(string sql)
    {
        using var command = Command(null, sql);
        command.ExecuteNonQuery();
    }

    private void Run(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private string? Scalar(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

/// <summary>A receipt's amounts as invariant text, as the summary book stores them.</summary>
internal readonly record struct SalesTotalsText(string Net, string Tax, string Gross);
