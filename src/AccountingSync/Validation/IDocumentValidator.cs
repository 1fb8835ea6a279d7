using AccountingSync.Model.Documents;

namespace AccountingSync.Validation;

/// <summary>
/// Checks a document before it is written. Implementations report every problem with a path and a code,
/// and never throw for bad data: an invalid document is dead-lettered while the rest of the run goes on.
/// </summary>
public interface IDocumentValidator
{
    /// <summary>Validates a document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>Every problem found, or <see cref="ValidationResult.Valid"/>.</returns>
    ValidationResult Validate(AccountingDocument document);
}
