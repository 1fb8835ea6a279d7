namespace AccountingSync.Model.Documents;

/// <summary>A manual journal entry. Its debits and credits must balance to the minor unit.</summary>
public sealed record JournalEntry : AccountingDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.JournalEntry;

    /// <summary>Gets the entry's date.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Gets the entry's currency.</summary>
    public required Currency Currency { get; init; }

    /// <summary>Gets the narration.</summary>
    public string? Memo { get; init; }

    /// <summary>Gets the lines; at least two.</summary>
    public IReadOnlyList<JournalLine> Lines { get; init; } = [];

    /// <summary>Gets the sum of the debits.</summary>
    public Money TotalDebit => new(Lines.Sum(l => l.Debit), Currency);

    /// <summary>Gets the sum of the credits.</summary>
    public Money TotalCredit => new(Lines.Sum(l => l.Credit), Currency);
}
