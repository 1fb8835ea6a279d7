namespace AccountingSync.Model.Documents;

/// <summary>
/// A credit note or refund: reverses all or part of a sale. Its lines carry positive amounts; the
/// reversal is in the document kind, not in negative quantities.
/// </summary>
public sealed record CreditNote : SalesDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.CreditNote;

    /// <summary>Gets the number of the sale it reverses, when the source links them.</summary>
    public string? OriginalNumber { get; init; }

    /// <summary>Gets a value indicating whether money was paid back (a refund) rather than credited to the account.</summary>
    public bool IsRefund { get; init; }
}
