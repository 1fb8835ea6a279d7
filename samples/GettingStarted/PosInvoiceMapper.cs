using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace GettingStarted;

/// <summary>Maps the demo POS's invoices to the accounting model: GBP, 20 % VAT on every line.</summary>
internal sealed class PosInvoiceMapper : RecordMapper<PosInvoice>
{
    protected override MappingResult Map(SourceChange change, PosInvoice payload) => MappingResult.Mapped(new Invoice
    {
        Source = change.Entity,
        Version = change.Version,
        Number = payload.Number,
        Date = payload.Date,
        Currency = Currency.Gbp,
        Lines = [.. payload.Lines.Select(l => new SalesLine
        {
            ItemCode = l.Sku,
            Quantity = l.Quantity,
            UnitPrice = l.UnitPrice,
            TaxRate = 0.20m,
        })],
    });
}
