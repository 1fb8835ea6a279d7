namespace AccountingSync.Model;

/// <summary>
/// Where tax is rounded to the minor unit. Accounting systems differ, and a document only matches
/// its target when it rounds tax the same way.
/// </summary>
public enum TaxRounding
{
    /// <summary>Tax is rounded on every line, then the rounded amounts are summed (QuickBooks Online, Xero's default).</summary>
    PerLine = 0,

    /// <summary>Tax is summed unrounded over the document, then rounded once.</summary>
    PerDocument = 1,
}
