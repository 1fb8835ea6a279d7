namespace AccountingSync.Model.Documents;

/// <summary>A product or service that can be sold.</summary>
public sealed record Item : AccountingDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Item;

    /// <summary>Gets the item code (SKU or stock code); required.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the name shown on documents.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the usual unit price, when the source has one.</summary>
    public Money? UnitPrice { get; init; }

    /// <summary>Gets the income account that sales of this item are booked to, when it is not the default.</summary>
    public string? IncomeAccount { get; init; }
}
