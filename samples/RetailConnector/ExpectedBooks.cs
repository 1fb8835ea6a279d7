using System.Text.Json;
using AccountingSync.Batch.Retail;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace RetailConnector;

/// <summary>
/// What the books should hold after syncing the store's invoices: each invoice mapped by
/// <see cref="RetailInvoiceMapper"/>, the same rules the lanes apply. A sample reconciles the books against
/// <see cref="Documents"/> and expects exactly the <see cref="Refused"/> invoices in its dead letters.
/// </summary>
public sealed class ExpectedBooks
{
    private ExpectedBooks(IReadOnlyList<AccountingDocument> documents, IReadOnlyList<string> refused, int skipped)
    {
        Documents = documents;
        Refused = refused;
        Skipped = skipped;
    }

    /// <summary>Gets the documents the books should hold, one per invoice or credit note.</summary>
    public IReadOnlyList<AccountingDocument> Documents { get; }

    /// <summary>Gets the ids of invoices the rules refuse (they belong in dead letters, with the reason).</summary>
    public IReadOnlyList<string> Refused { get; }

    /// <summary>Gets how many invoices every line of which a rule skips (free samples, stock adjustments).</summary>
    public int Skipped { get; }

    /// <summary>Maps the store's invoices, as its API serves them (<c>{"id", "updated_at", "lines"}</c>).</summary>
    /// <param name="invoices">The invoices' JSON, one element per invoice, each id at most once.</param>
    /// <param name="options">The retail rules the lanes use.</param>
    /// <returns>The expectation.</returns>
    public static ExpectedBooks FromInvoices(IEnumerable<JsonElement> invoices, OnlineRetailOptions options)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(options);
        var mapper = new RetailInvoiceMapper(options);
        var documents = new List<AccountingDocument>();
        var refused = new List<string>();
        var skipped = 0;
        foreach (var invoice in invoices)
        {
            var id = invoice.GetProperty("id").GetString()!;
            var result = mapper.Map(new SourceChange
            {
                Entity = new SourceIdentity(options.System, "invoice", id),
                Version = SourceVersion.FromTimestamp(invoice.GetProperty("updated_at").GetDateTimeOffset()),
                Payload = invoice,
            });
            if (result.Document is { } document)
            {
                documents.Add(document);
            }
            else if (result.SkipReason is not null)
            {
                skipped++;
            }
            else
            {
                refused.Add(id);
            }
        }

        return new ExpectedBooks(documents, refused, skipped);
    }
}
