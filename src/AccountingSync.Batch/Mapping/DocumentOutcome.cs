using AccountingSync.Model.Documents;

namespace AccountingSync.Batch.Mapping;

/// <summary>What a <see cref="IBatchMapper"/> made of the staged rows of one document.</summary>
/// <param name="Document">The document, or <see langword="null"/> when its rows failed a cross-row rule.</param>
/// <param name="Failures">The failures; every row of a document that is not built must be named.</param>
public sealed record DocumentOutcome(AccountingDocument? Document, IReadOnlyList<RowFailure> Failures)
{
    /// <summary>Creates the outcome of a built document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The outcome.</returns>
    public static DocumentOutcome Built(AccountingDocument document) => new(document, []);
}
