namespace AccountingSync.Model.Documents;

/// <summary>One line of a journal entry: a debit or a credit to one account.</summary>
/// <remarks>Exactly one of <see cref="Debit"/> and <see cref="Credit"/> is positive; the other is zero.</remarks>
public sealed record JournalLine
{
    /// <summary>Gets the account code; required.</summary>
    public required string AccountCode { get; init; }

    /// <summary>Gets the debit amount, or zero.</summary>
    public decimal Debit { get; init; }

    /// <summary>Gets the credit amount, or zero.</summary>
    public decimal Credit { get; init; }

    /// <summary>Gets the line's description.</summary>
    public string? Description { get; init; }
}
