namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>
/// A document could not be turned into balanced postings: an unknown account, an amount finer than the
/// currency allows, legs that do not balance, or a kind of document that has no postings.
/// </summary>
/// <remarks>Ledger targets answer it as a <see cref="Connectors.ErrorClass.Validation"/> failure, so the
/// pipeline dead-letters the document with <see cref="Exception.Message"/> as the reason.</remarks>
public sealed class PostingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostingException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    /// <param name="message">What was wrong and where.</param>
    public PostingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    /// <param name="message">What was wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public PostingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
