namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>Why a <see cref="GnuCashBookTarget"/> refused a book.</summary>
public enum GnuCashBookProblem
{
    /// <summary>Not classified.</summary>
    Unknown = 0,

    /// <summary>GnuCash holds the book open: its <c>gnclock</c> table has a row.</summary>
    Locked = 1,

    /// <summary>The file is not a GnuCash SQLite book, or its table versions are not ones this SDK writes.</summary>
    UnknownSchema = 2,
}
