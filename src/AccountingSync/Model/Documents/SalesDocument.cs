namespace AccountingSync.Model.Documents;

/// <summary>
/// What invoices, sales receipts and credit notes share: a number, a date, a customer and priced lines.
/// </summary>
public abstract record SalesDocument : AccountingDocument
{
    /// <summary>Gets the document number as the source shows it; required.</summary>
    public required string Number { get; init; }

    /// <summary>Gets the date the document was issued, in the business's own calendar.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Gets the document's currency.</summary>
    public required Currency Currency { get; init; }

    /// <summary>Gets the customer's reference (contact id at the source), or <see langword="null"/> for a walk-in sale.</summary>
    public string? CustomerRef { get; init; }

    /// <summary>Gets the lines.</summary>
    public IReadOnlyList<SalesLine> Lines { get; init; } = [];

    /// <summary>
    /// Gets the total the source stated, when it stated one. Validation checks it against the lines, so a
    /// document whose parts do not add up is caught before it reaches the books.
    /// </summary>
    public Money? DeclaredTotal { get; init; }

    /// <summary>Computes the rounded subtotal, tax and total under a rounding policy.</summary>
    /// <param name="policy">The target system's rounding; <see cref="RoundingPolicy.Default"/> when null.</param>
    /// <returns>The totals.</returns>
    public SalesTotals ComputeTotals(RoundingPolicy? policy = null)
    {
        policy ??= RoundingPolicy.Default;
        var digits = Currency.MinorUnits;
        decimal subtotal = 0m, roundedTax = 0m, unroundedTax = 0m;
        foreach (var line in Lines)
        {
            var net = decimal.Round(line.Net, digits, policy.Midpoint);
            subtotal += net;
            var tax = net * line.TaxRate;
            unroundedTax += tax;
            roundedTax += decimal.Round(tax, digits, policy.Midpoint);
        }

        var taxTotal = policy.Tax == TaxRounding.PerLine
            ? roundedTax
            : decimal.Round(unroundedTax, digits, policy.Midpoint);
        return new SalesTotals(
            new Money(subtotal, Currency), new Money(taxTotal, Currency), new Money(subtotal + taxTotal, Currency));
    }
}
