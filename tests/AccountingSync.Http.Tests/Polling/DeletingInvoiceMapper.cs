using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>Maps upserts as <see cref="JsonInvoiceMapper"/> does, and a delete to an invoice holding only its id.</summary>
internal sealed class DeletingInvoiceMapper : IRecordMapper
{
    private readonly JsonInvoiceMapper _upserts = new("Total");

    public MappingResult Map(SourceChange change) => change.Operation == ChangeOperation.Delete
        ? MappingResult.Mapped(new Invoice
        {
            Source = change.Entity, Version = change.Version, Number = "INV-" + change.Entity.Id,
            Currency = Currency.Gbp, Date = new DateOnly(2026, 11, 1), Lines = [],
        })
        : _upserts.Map(change);
}
