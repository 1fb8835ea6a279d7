using System.Globalization;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Retail.Internal;

namespace AccountingSync.Batch.Retail;

/// <summary>The rules applied to each row on its own.</summary>
public sealed partial class OnlineRetailMapper
{
    /// <inheritdoc />
    public RowOutcome MapRow(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var n = row.RowNumber;
        if (row.Error is { } error)
        {
            return RowOutcome.Fail([new RowFailure(n, null, null, "unreadable", error)]);
        }

        var failures = new List<RowFailure>();
        var invoice = Required(row, "InvoiceNo", failures);
        var stockCode = Required(row, "StockCode", failures);
        var quantityText = Required(row, "Quantity", failures);
        var dateText = Required(row, "InvoiceDate", failures);
        var priceText = Required(row, "UnitPrice", failures);
        if (failures.Count > 0)
        {
            return RowOutcome.Fail(failures);
        }

        var isCredit = invoice!.StartsWith('C');
        var digits = isCredit ? invoice.AsSpan(1) : invoice.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            failures.Add(new(n, "InvoiceNo", invoice, "invoice-number", "An invoice number is digits, optionally after a C."));
        }

        var quantity = 0;
        if (!int.TryParse(quantityText, NumberStyles.Integer, row.Culture, out quantity))
        {
            failures.Add(new(n, "Quantity", quantityText, "quantity-format", "The quantity is not a whole number."));
        }
        else if (quantity == 0)
        {
            failures.Add(new(n, "Quantity", quantityText, "quantity-zero", "The quantity is zero."));
        }
        else if (isCredit && quantity > 0)
        {
            failures.Add(new(n, "Quantity", quantityText, "credit-sign", "A cancellation line must have a negative quantity."));
        }

        if (!decimal.TryParse(priceText, NumberStyles.Number, row.Culture, out var price))
        {
            failures.Add(new(n, "UnitPrice", priceText, "price-format", "The unit price is not a decimal number."));
        }
        else if (price < 0m)
        {
            failures.Add(new(n, "UnitPrice", priceText, "price-negative", "The unit price is negative."));
        }

        var at = ParseDate(n, dateText!, row.Culture, failures);
        if (failures.Count > 0)
        {
            return RowOutcome.Fail(failures);
        }

        if (!isCredit && quantity < 0)
        {
            return RowOutcome.Skip(new(n, "Quantity", quantityText, "stock-adjustment",
                "A negative quantity outside a cancellation is a stock adjustment; it is not booked."));
        }

        if (price == 0m)
        {
            return RowOutcome.Skip(new(n, "UnitPrice", priceText, "zero-price", "A line priced at zero is not booked."));
        }

        var customer = Trimmed(row["CustomerID"]) ?? _options.WalkInCustomer;
        var account = _options.NonProductAccounts.TryGetValue(stockCode!, out var code) ? code : null;
        var line = new RetailLine(
            invoice, stockCode!, Trimmed(row["Description"]), quantity, price, at, customer, Trimmed(row["Country"]), account);
        return RowOutcome.Stage(invoice, RetailPayload.Write(line));
    }

    private DateTimeOffset ParseDate(long n, string text, CultureInfo culture, List<RowFailure> failures)
    {
        // The lines of one invoice share their timestamp, so the last answer is nearly always the next one;
        // parsing and the zone's rules cost more than the rest of the row. One immutable entry, swapped whole,
        // keeps the mapper thread-safe.
        if (_lastDate is { } last && string.Equals(last.Text, text, StringComparison.Ordinal) && last.Culture == culture)
        {
            return last.At;
        }

        var before = failures.Count;
        var at = ParseDateUncached(n, text, culture, failures);
        if (failures.Count == before)
        {
            _lastDate = new ParsedDate(text, culture, at);
        }

        return at;
    }

    private DateTimeOffset ParseDateUncached(long n, string text, CultureInfo culture, List<RowFailure> failures)
    {
        if (!DateTime.TryParseExact(text, _dateFormats, culture, DateTimeStyles.None, out var local))
        {
            failures.Add(new(n, "InvoiceDate", text, "date-format",
                $"The date is not in a declared format ({string.Join(", ", _options.DateFormats)})."));
            return default;
        }

        var zone = _options.TimeZone;
        if (zone.IsInvalidTime(local))
        {
            failures.Add(new(n, "InvoiceDate", text, "date-local-gap", $"The local time does not exist in {zone.Id}."));
            return default;
        }

        // An ambiguous hour happens twice; the larger offset is the first pass through it (summer time).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static string? Required(SourceRow row, string column, List<RowFailure> failures)
    {
        var value = Trimmed(row[column]);
        if (value is null)
        {
            failures.Add(new(row.RowNumber, column, row[column], "required", $"{column} is missing or blank."));
        }

        return value;
    }

    private static string? Trimmed(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ParsedDate(string Text, CultureInfo Culture, DateTimeOffset At);
}
