using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Validation;

namespace AccountingSync.Conformance.Testing;

/// <summary>Maps <see cref="TestRecord"/>s to GBP invoices with one line.</summary>
public sealed class TestRecordMapper : RecordMapper<TestRecord>
{
    /// <inheritdoc />
    protected override MappingResult Map(SourceChange change, TestRecord payload) => payload.Unmappable
        ? MappingResult.Failed(new ValidationProblem("Payload.Kind", "test.unknown_kind", "The record is of no known kind."))
        : MappingResult.Mapped(new Invoice
        {
            Source = change.Entity,
            Version = change.Version,
            Number = "INV-" + payload.Id,
            Currency = Currency.Gbp,
            Date = new DateOnly(2026, 1, 1),
            Lines = [new SalesLine { Quantity = payload.Invalid ? 0 : 1, UnitPrice = payload.Amount, TaxRate = 0.2m }],
        });
}
