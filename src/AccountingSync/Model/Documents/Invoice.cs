namespace AccountingSync.Model.Documents;

/// <summary>A sale on credit: the customer owes the total until a <see cref="Payment"/> settles it.</summary>
/// <remarks>Use <see cref="SalesReceipt"/> for a sale paid at once.</remarks>
public sealed record Invoice : SalesDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Invoice;

    /// <summary>Gets the date payment is due, when the source gives one.</summary>
    public DateOnly? DueDate { get; init; }
}
