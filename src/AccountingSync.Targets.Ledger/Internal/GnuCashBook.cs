using System.Globalization;
using System.Xml.Linq;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.GnuCash;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>Creates a GnuCash book, checks one for locks and schema, and resolves chart accounts to GUIDs.</summary>
internal static class GnuCashBook
{
    private static readonly XNamespace Act = "http://www.gnucash.org/XML/act";
    private static readonly XNamespace Gnc = "http://www.gnucash.org/XML/gnc";
    private static readonly XNamespace Slot = "http://www.gnucash.org/XML/slot";

    public static string NewGuid() => Guid.NewGuid().ToString("N");

    public static void Check(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var read = Command(connection, transaction, "SELECT table_name, table_version FROM versions");
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                versions[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        catch (SqliteException ex)
        {
            throw new GnuCashBookException(GnuCashBookProblem.UnknownSchema,
                $"'{Path.GetFileName(path)}' is not a GnuCash SQLite book: it has no readable versions table ({ex.SqliteErrorCode}).");
        }

        foreach (var (table, version) in GnuCashSchema.WrittenTables)
        {
            if (!versions.TryGetValue(table, out var found) || found != version)
            {
                throw new GnuCashBookException(GnuCashBookProblem.UnknownSchema, string.Create(CultureInfo.InvariantCulture,
                    $"Book '{Path.GetFileName(path)}' has table '{table}' at version {(versions.ContainsKey(table) ? found : "none")}; "
                    + $"only version {version} is known. Open and save it in GnuCash 4 or 5, or use a new book."));
            }
        }

        using var locks = Command(connection, transaction, "SELECT COUNT(*) FROM gnclock");
        if (Convert.ToInt64(locks.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
        {
            throw new GnuCashBookException(GnuCashBookProblem.Locked,
                $"GnuCash holds book '{Path.GetFileName(path)}' open (its gnclock table has a row); close it in GnuCash first.");
        }
    }

    public static void Create(SqliteConnection connection, SqliteTransaction transaction, Currency currency, string? templatePath)
    {
        foreach (var ddl in GnuCashSchema.Ddl)
        {
            Execute(connection, transaction, ddl);
        }

        Execute(connection, transaction, "INSERT INTO versions VALUES ('Gnucash', @v), ('Gnucash-Resave', @r)",
            ("v", GnuCashSchema.GnuCashVersion), ("r", GnuCashSchema.ResaveVersion));
        foreach (var (table, version) in GnuCashSchema.AllTables)
        {
            Execute(connection, transaction, "INSERT INTO versions VALUES (@t, @v)", ("t", table), ("v", version));
        }

        string book = NewGuid(), root = NewGuid(), frame = NewGuid();
        Execute(connection, transaction, "INSERT INTO books VALUES (@b, @root, @tmpl)", ("b", book), ("root", root), ("tmpl", NewGuid()));
        Execute(connection, transaction,
            "INSERT INTO accounts VALUES (@g, 'Root Account', 'ROOT', NULL, 0, 0, NULL, NULL, NULL, 0, 0)", ("g", root));

        // GnuCash reads ISO dates from SQLite only when the book declares the feature, as it does for new books.
        Execute(connection, transaction,
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, timespec_val, guid_val, numeric_val_num, numeric_val_denom) "
            + "VALUES (@b, 'features', 9, 0, '1970-01-01 00:00:00', @f, 0, 1)", ("b", book), ("f", frame));
        Execute(connection, transaction,
            "INSERT INTO slots (obj_guid, name, slot_type, int64_val, string_val, timespec_val, numeric_val_num, numeric_val_denom) "
            + "VALUES (@f, 'features/ISO-8601 formatted date strings in SQLite3 databases.', 4, 0, "
            + "'Use ISO formatted date-time strings in SQLite3 databases (requires at least GnuCash 2.6.20)', "
            + "'1970-01-01 00:00:00', 0, 1)", ("f", frame));

        var commodity = Commodity(connection, transaction, currency);
        if (templatePath is not null)
        {
            ImportTemplate(connection, transaction, templatePath, root, commodity, Minor.Scale(currency));
        }
    }

    public static string Commodity(SqliteConnection connection, SqliteTransaction transaction, Currency currency)
    {
        using var find = Command(connection, transaction,
            "SELECT guid FROM commodities WHERE namespace = 'CURRENCY' AND mnemonic = @m", ("m", currency.Code));
        if (find.ExecuteScalar() is string existing)
        {
            return existing;
        }

        var guid = NewGuid();
        Execute(connection, transaction,
            "INSERT INTO commodities VALUES (@g, 'CURRENCY', @m, @m, '', @fraction, 1, 'currency', '')",
            ("g", guid), ("m", currency.Code), ("fraction", Minor.Scale(currency)));
        return guid;
    }

    public static Dictionary<string, string> ResolveAccounts(
        SqliteConnection connection, SqliteTransaction transaction, ChartOfAccounts chart, string commodity, long scu)
    {
        var root = Convert.ToString(Command(connection, transaction, "SELECT root_account_guid FROM books").ExecuteScalar(),
            CultureInfo.InvariantCulture)!;
        var guids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in chart.Accounts)
        {
            var parent = root;
            var segments = account.Path.Split(':');
            for (var i = 0; i < segments.Length; i++)
            {
                using var find = Command(connection, transaction,
                    "SELECT guid FROM accounts WHERE parent_guid = @p AND name = @n", ("p", parent), ("n", segments[i]));
                if (find.ExecuteScalar() is string guid)
                {
                    parent = guid;
                    continue;
                }

                var last = i == segments.Length - 1;
                parent = InsertAccount(connection, transaction, segments[i], TypeName(account.Type), parent, commodity, scu,
                    last ? account.Code : null, null, placeholder: !last);
            }

            guids[account.Code] = parent;
        }

        return guids;
    }

    private static void ImportTemplate(
        SqliteConnection connection, SqliteTransaction transaction, string path, string root, string commodity, long scu)
    {
        var document = XDocument.Load(path);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in document.Root!.Elements(Gnc + "account"))
        {
            var id = (string)account.Element(Act + "id")!;
            var type = ((string)account.Element(Act + "type")!).Trim();
            if (type == "ROOT")
            {
                ids[id] = root;
                continue;
            }

            var parentId = (string?)account.Element(Act + "parent");
            var placeholder = account.Descendants(Slot + "key").Any(k => k.Value.Trim() == "placeholder")
                && account.Descendants(Slot + "value").Any(v => v.Value.Trim() == "true");
            ids[id] = InsertAccount(connection, transaction, ((string)account.Element(Act + "name")!).Trim(), type,
                parentId is not null && ids.TryGetValue(parentId, out var parent) ? parent : root, commodity, scu, null,
                ((string?)account.Element(Act + "description"))?.Trim(), placeholder);
        }
    }

    private static string InsertAccount(
        SqliteConnection connection, SqliteTransaction transaction, string name, string type, string parent,
        string commodity, long scu, string? code, string? description, bool placeholder)
    {
        var guid = NewGuid();
        Execute(connection, transaction,
            "INSERT INTO accounts VALUES (@g, @name, @type, @c, @scu, 0, @p, @code, @d, 0, @ph)",
            ("g", guid), ("name", name), ("type", type), ("c", commodity), ("scu", scu), ("p", parent),
            ("code", code ?? string.Empty), ("d", description ?? string.Empty), ("ph", placeholder ? 1 : 0));
        return guid;
    }

    private static string TypeName(LedgerAccountType type) => type.ToString().ToUpperInvariant();

    internal static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static void Execute(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }
}
