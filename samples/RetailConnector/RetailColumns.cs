namespace RetailConnector;

/// <summary>The columns of the store's export, which its JSON lines carry under the same names.</summary>
public static class RetailColumns
{
    /// <summary>Gets the column names, in the export's order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
}
