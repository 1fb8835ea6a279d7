namespace AccountingSync.Reconciliation;

/// <summary>How a source document and the target's record of it disagree.</summary>
public enum DiscrepancyKind
{
    /// <summary>The source has the entity; the target holds nothing for it.</summary>
    MissingInTarget = 0,

    /// <summary>The target holds a record the source does not have.</summary>
    ExtraInTarget = 1,

    /// <summary>Both have it, in the same currency, with totals further apart than the tolerance.</summary>
    AmountMismatch = 2,

    /// <summary>Both have it, in different currencies.</summary>
    CurrencyMismatch = 3,

    /// <summary>Both have it, dated differently.</summary>
    DateMismatch = 4,

    /// <summary>Both have it, as different kinds of document.</summary>
    KindMismatch = 5,
}
