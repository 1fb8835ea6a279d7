namespace AccountingSync.Model.Documents;

/// <summary>A sale paid at once, as a till or web shop records it.</summary>
/// <remarks>Use <see cref="Invoice"/> for a sale on credit.</remarks>
public sealed record SalesReceipt : SalesDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.SalesReceipt;

    /// <summary>Gets how the customer paid (cash, card, ...), when known.</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>Gets the account the money was deposited to, when it overrides the default.</summary>
    public string? DepositAccount { get; init; }
}
