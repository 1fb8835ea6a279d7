using System.Globalization;
using nietras.SeparatedValues;

namespace SimulatedStore;

/// <summary>
/// A retail store's trade in the UCI "Online Retail" export format (one row per invoice line): read from a file
/// or generated, and grouped into the invoices the store serves through its API and its webhooks.
/// </summary>
public sealed class RetailDataset
{
    /// <summary>The export's columns, in order.</summary>
    public static readonly string[] Columns =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private RetailDataset(IReadOnlyList<StoreInvoice> invoices, int rows)
    {
        Invoices = invoices;
        RowCount = rows;
    }

    /// <summary>Gets the invoices, oldest first.</summary>
    public IReadOnlyList<StoreInvoice> Invoices { get; }

    /// <summary>Gets the number of rows across all invoices.</summary>
    public int RowCount { get; }

    /// <summary>Reads an export with the <see cref="Columns"/> header.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="InvalidDataException">The file lacks a column.</exception>
    public static RetailDataset Load(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path} has no column {string.Join(", ", missing)}.");
        }

        var indexes = Columns.Select(c => reader.Header.IndexOf(c)).ToArray();
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var values = new string[indexes.Length];
            for (var i = 0; i < indexes.Length; i++)
            {
                values[i] = row[indexes[i]].ToString();
            }

            rows.Add(values);
        }

        return FromRows(rows);
    }

    /// <summary>Generates a small, deterministic day of trade with the real export's quirks.</summary>
    /// <param name="invoices">How many invoices.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The dataset.</returns>
    public static RetailDataset Generate(int invoices, int seed) => FromRows(RetailGenerator.Rows(invoices, seed));

    private static RetailDataset FromRows(List<string[]> rows)
    {
        var invoices = rows
            .GroupBy(r => r[0].Trim(), StringComparer.Ordinal)
            .Select(g => new StoreInvoice(g.Key, g.Max(r => ParseTime(r[4])), [.. g]))
            .OrderBy(i => i.UpdatedAt)
            .ThenBy(i => i.Number, StringComparer.Ordinal)
            .ToList();
        return new RetailDataset(invoices, rows.Count);
    }

    // The store's own clock is UK local time; a row whose date it cannot read sorts first rather than failing the store.
    private static DateTimeOffset ParseTime(string text) =>
        DateTime.TryParseExact(text.Trim(), [@"M\/d\/yy H:mm", @"MM\/dd\/yy HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local)
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, London), TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;
}
