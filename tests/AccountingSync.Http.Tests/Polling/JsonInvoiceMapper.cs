using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Validation;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>Maps a polled JSON invoice to a GBP invoice; a record without a numeric total fails at its path.</summary>
internal sealed class JsonInvoiceMapper(string totalField) : RecordMapper<JsonElement>
{
    protected override MappingResult Map(SourceChange change, JsonElement payload) =>
        payload.TryGetProperty(totalField, out var total) && total.ValueKind == JsonValueKind.Number
            ? MappingResult.Mapped(new Invoice
            {
                Source = change.Entity,
                Version = change.Version,
                Number = "INV-" + change.Entity.Id,
                Currency = Currency.Gbp,
                Date = new DateOnly(2026, 11, 1),
                Lines = [new SalesLine { Quantity = 1, UnitPrice = total.GetDecimal(), TaxRate = 0.2m }],
            })
            : MappingResult.Failed(new ValidationProblem("$." + totalField, "schema.required", $"{totalField} must be a number."));
}
