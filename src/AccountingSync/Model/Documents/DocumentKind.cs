namespace AccountingSync.Model.Documents;

/// <summary>The kinds of document the normalized accounting model holds.</summary>
public enum DocumentKind
{
    /// <summary>A customer or supplier.</summary>
    Contact = 0,

    /// <summary>A product or service that can be sold.</summary>
    Item = 1,

    /// <summary>A sale on credit, paid later.</summary>
    Invoice = 2,

    /// <summary>A sale paid at once (POS, card, cash).</summary>
    SalesReceipt = 3,

    /// <summary>Money received from a customer against invoices.</summary>
    Payment = 4,

    /// <summary>A credit note or refund that reverses all or part of a sale.</summary>
    CreditNote = 5,

    /// <summary>A manual journal entry of debits and credits.</summary>
    JournalEntry = 6,
}
