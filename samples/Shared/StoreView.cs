using System.Text.Json;
using AccountingSync.Batch.Retail;
using RetailConnector;
using SimulatedStore;

namespace SampleSupport;

/// <summary>The store's invoices as its API serves them, and what the books should hold for them.</summary>
internal static class StoreView
{
    /// <summary>Gets the invoice's JSON, exactly as the store's API and webhooks carry it.</summary>
    public static JsonElement Json(StoreInvoice invoice) =>
        JsonDocument.Parse(InvoiceJson.ToBytes(invoice)).RootElement;

    /// <summary>Maps the invoices with the lanes' rules: what the books should hold.</summary>
    public static ExpectedBooks Expect(IEnumerable<StoreInvoice> invoices, OnlineRetailOptions retail) =>
        ExpectedBooks.FromInvoices(invoices.Select(Json), retail);
}
