using System.Globalization;
using System.Text;

namespace AccountingSync.Benchmarks.Batch;

/// <summary>Writes a retail export of any length in the UCI Online Retail layout: 20 lines per invoice.</summary>
internal static class RetailCsv
{
    public static string Generate(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"batch-bench-{rows}-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        var start = new DateTime(2010, 12, 1, 8, 0, 0);
        for (var i = 0; i < rows; i++)
        {
            var invoice = 500_000 + (i / 20);
            var at = start.AddMinutes(invoice - 500_000);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{invoice},{84000 + (i % 997)},\"ITEM {i % 997}, WHITE\",{1 + (i % 12)},{at:M/d/yy H:mm},"
                + $"{1 + (i % 500) / 100m:0.00},{17000 + (invoice % 900)},United Kingdom"));
        }

        return path;
    }
}
