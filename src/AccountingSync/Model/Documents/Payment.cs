namespace AccountingSync.Model.Documents;

/// <summary>Money received from a customer, applied to one or more invoices.</summary>
public sealed record Payment : AccountingDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Payment;

    /// <summary>Gets the date the money was received.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Gets the amount received; must be positive and in whole minor units.</summary>
    public required Money Amount { get; init; }

    /// <summary>Gets the paying customer's reference.</summary>
    public string? CustomerRef { get; init; }

    /// <summary>Gets the numbers of the invoices the payment settles.</summary>
    public IReadOnlyList<string> AppliedTo { get; init; } = [];

    /// <summary>Gets how the customer paid, when known.</summary>
    public string? Method { get; init; }

    /// <summary>Gets the processor's fee withheld from the payment, when there was one.</summary>
    public Money? Fee { get; init; }
}
