namespace AccountingSync.Model.Documents;

/// <summary>
/// One line of an invoice, sales receipt or credit note: quantity × unit price, less a discount, plus tax.
/// </summary>
/// <remarks>
/// Amounts are tax-exclusive and in the document's currency. <see cref="UnitPrice"/> may carry more digits
/// than the currency's minor unit (prices per gram, per metre); the line's net amount is rounded.
/// </remarks>
public sealed record SalesLine
{
    /// <summary>Gets the line's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the item code, when the line sells an item.</summary>
    public string? ItemCode { get; init; }

    /// <summary>Gets the account the line is booked to, when it overrides the item's or the default.</summary>
    public string? AccountCode { get; init; }

    /// <summary>Gets the quantity; must not be zero.</summary>
    public decimal Quantity { get; init; } = 1m;

    /// <summary>Gets the price of one unit, tax-exclusive; must not be negative.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>Gets the discount taken off the line's gross amount; from zero to the gross amount.</summary>
    public decimal Discount { get; init; }

    /// <summary>Gets the tax rate as a fraction (0.20 for 20 %); from 0 to 1.</summary>
    public decimal TaxRate { get; init; }

    /// <summary>Gets the target system's tax code, when the mapping knows it.</summary>
    public string? TaxCode { get; init; }

    /// <summary>Gets the unrounded gross amount: quantity × unit price.</summary>
    public decimal Gross => Quantity * UnitPrice;

    /// <summary>Gets the unrounded net amount: gross less discount.</summary>
    public decimal Net => Gross - Discount;
}
