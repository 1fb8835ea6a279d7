namespace AccountingSync.Model.Documents;

/// <summary>
/// Base of every normalized accounting document: where it came from and which version of it this is.
/// </summary>
/// <remarks>
/// Documents are immutable records; mappers build them from a source's payloads and targets read them.
/// Use <see cref="Validation.DocumentValidator"/> to check one before it is written.
/// </remarks>
public abstract record AccountingDocument
{
    /// <summary>Gets the document's identity at its source.</summary>
    public required SourceIdentity Source { get; init; }

    /// <summary>Gets the document's version at its source.</summary>
    public SourceVersion Version { get; init; }

    /// <summary>Gets the kind of document.</summary>
    public abstract DocumentKind Kind { get; }
}
