using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Retail.Internal;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch.Retail;

/// <summary>Maps a UCI "Online Retail" style export (one line per row, many lines per invoice) to documents.</summary>
/// <remarks>
/// <para>The rules, each with the name the failure report uses:</para>
/// <list type="bullet">
/// <item><c>required</c>: <c>InvoiceNo</c>, <c>StockCode</c>, <c>Quantity</c>, <c>InvoiceDate</c> and
/// <c>UnitPrice</c> must be present and not blank. Every value is trimmed first.</item>
/// <item><c>invoice-number</c>: digits, optionally after a <c>C</c>. A <c>C</c> marks a cancellation, booked as a
/// <see cref="CreditNote"/> with positive quantities; <c>credit-sign</c> fails a cancellation line whose
/// quantity is positive.</item>
/// <item><c>quantity-format</c>, <c>quantity-zero</c>: a non-zero integer in the declared culture.</item>
/// <item><c>price-format</c>, <c>price-negative</c>: a decimal in the declared culture, not below zero.</item>
/// <item><c>date-format</c>: one of <see cref="OnlineRetailOptions.DateFormats"/> in the declared culture;
/// <c>date-local-gap</c>: a local time the clocks skipped. An ambiguous autumn hour is read as the
/// earlier (summer-time) instant.</item>
/// <item><c>stock-adjustment</c> (skip): a negative quantity on an invoice that is not a cancellation is a
/// stock movement, not a sale.</item>
/// <item><c>zero-price</c> (skip): a line priced at zero moves no money and is not booked.</item>
/// <item>A non-product stock code listed in <see cref="OnlineRetailOptions.NonProductAccounts"/> is booked to its
/// GL account through <see cref="SalesLine.AccountCode"/> instead of as an item.</item>
/// <item>A line without a customer id is booked to <see cref="OnlineRetailOptions.WalkInCustomer"/>.</item>
/// <item><c>invoice-inconsistent</c>: the lines of one invoice must name one customer and one country.</item>
/// </list>
/// <para>The export carries no tax: lines are booked with a zero tax rate. This type is thread-safe.</para>
/// </remarks>
public sealed partial class OnlineRetailMapper : IBatchMapper
{
    private readonly OnlineRetailOptions _options;
    private readonly string[] _dateFormats;
    private ParsedDate? _lastDate;

    /// <summary>Creates a mapper.</summary>
    /// <param name="options">The rules' settings; defaults when null.</param>
    public OnlineRetailMapper(OnlineRetailOptions? options = null)
    {
        _options = options ?? new OnlineRetailOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.System, "OnlineRetailOptions.System");
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.WalkInCustomer, "OnlineRetailOptions.WalkInCustomer");
        _dateFormats = [.. _options.DateFormats];
    }

    /// <inheritdoc />
    public DocumentOutcome BuildDocument(string groupKey, IReadOnlyList<StagedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = rows.Select(r => RetailPayload.Read(r.Payload)).ToList();
        var customers = lines.Select(l => l.Customer).Distinct(StringComparer.Ordinal).Count();
        var countries = lines.Select(l => l.Country).Distinct(StringComparer.Ordinal).Count();
        if (customers > 1 || countries > 1)
        {
            var column = customers > 1 ? "CustomerID" : "Country";
            return new DocumentOutcome(null, rows.Select((r, i) => new RowFailure(
                r.RowNumber, column, column == "CustomerID" ? lines[i].Customer : lines[i].Country,
                "invoice-inconsistent", $"The lines of invoice {groupKey} name more than one {column}.")).ToList());
        }

        var first = lines.MinBy(l => l.At)!;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(first.At, _options.TimeZone).DateTime);
        var isCredit = groupKey.StartsWith('C');
        var salesLines = lines.Select(l => new SalesLine
        {
            Description = l.Description,
            ItemCode = l.AccountCode is null ? l.StockCode : null,
            AccountCode = l.AccountCode,
            Quantity = isCredit ? -l.Quantity : l.Quantity,
            UnitPrice = l.UnitPrice,
        }).ToList();
        var source = new SourceIdentity(_options.System, "invoice", groupKey);
        var version = SourceVersion.FromTimestamp(lines.Max(l => l.At));
        var customer = first.Customer;
        SalesDocument document = isCredit
            ? new CreditNote
            {
                Source = source, Version = version, Number = groupKey, Date = date, Currency = _options.Currency,
                CustomerRef = customer, Lines = salesLines,
            }
            : new Invoice
            {
                Source = source, Version = version, Number = groupKey, Date = date, Currency = _options.Currency,
                CustomerRef = customer, Lines = salesLines,
            };
        return DocumentOutcome.Built(document);
    }
}
