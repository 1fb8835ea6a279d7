using nietras.SeparatedValues;

namespace SimulatedStore;

/// <summary>Writes invoices' rows as the store's CSV export, quoting what needs quoting.</summary>
internal static class ExportWriter
{
    public static void Write(string path, IEnumerable<StoreInvoice> invoices)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(path);
        foreach (var invoice in invoices)
        {
            foreach (var values in invoice.Rows)
            {
                using var row = writer.NewRow();
                for (var i = 0; i < RetailDataset.Columns.Length; i++)
                {
                    row[RetailDataset.Columns[i]].Set(values[i]);
                }
            }
        }
    }
}
