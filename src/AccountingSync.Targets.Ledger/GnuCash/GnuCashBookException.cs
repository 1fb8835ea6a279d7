namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>A GnuCash book cannot be written: GnuCash holds it open, or its schema is not one this SDK knows.</summary>
/// <remarks>See <see cref="Reason"/>. A locked book is worth retrying once GnuCash has closed it; an unknown
/// schema is not.</remarks>
public sealed class GnuCashBookException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GnuCashBookException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the book.</param>
    public GnuCashBookException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the book.</param>
    /// <param name="innerException">The cause.</param>
    public GnuCashBookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reason.</summary>
    /// <param name="reason">Why the book was refused.</param>
    /// <param name="message">What is wrong with the book.</param>
    public GnuCashBookException(GnuCashBookProblem reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Gets why the book was refused.</summary>
    public GnuCashBookProblem Reason { get; }
}
