namespace AccountingSync.Batch.Retail.Internal;

/// <summary>One export line after the row rules: trimmed, parsed and in the export's time zone.</summary>
internal sealed record RetailLine(
    string InvoiceNo,
    string StockCode,
    string? Description,
    int Quantity,
    decimal UnitPrice,
    DateTimeOffset At,
    string Customer,
    string? Country,
    string? AccountCode);
