using AccountingSync.Model.Documents;
using AccountingSync.Validation;

namespace AccountingSync.Connectors;

/// <summary>
/// What a mapper made of a source record: a document, a decision to skip it, or the problems that stopped it.
/// </summary>
public readonly struct MappingResult
{
    private MappingResult(AccountingDocument? document, IReadOnlyList<ValidationProblem>? problems, string? skipReason)
    {
        Document = document;
        Problems = problems ?? [];
        SkipReason = skipReason;
    }

    /// <summary>Gets the mapped document, when mapping succeeded.</summary>
    public AccountingDocument? Document { get; }

    /// <summary>Gets the problems that stopped the mapping; empty on success or skip.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Gets why the record was deliberately skipped (not an accounting record), when it was.</summary>
    public string? SkipReason { get; }

    /// <summary>Gets a value indicating whether a document was produced.</summary>
    public bool IsMapped => Document is not null;

    /// <summary>Creates a successful result.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The result.</returns>
    public static MappingResult Mapped(AccountingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document, null, null);
    }

    /// <summary>Creates a failed result; the record goes to dead letters with these problems.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <returns>The result.</returns>
    public static MappingResult Failed(params IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        return new(null, problems, null);
    }

    /// <summary>Creates a result that skips a record on purpose, for example an event type with no accounting effect.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static MappingResult Skipped(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, null, reason);
    }
}
