namespace AccountingSync.Validation;

/// <summary>
/// The outcome of validating a document: every problem found, never just the first.
/// </summary>
/// <remarks>A valid result allocates nothing; <see cref="Valid"/> is shared.</remarks>
public sealed class ValidationResult
{
    private ValidationResult(IReadOnlyList<ValidationProblem> problems) => Problems = problems;

    /// <summary>Gets the shared result with no problems.</summary>
    public static ValidationResult Valid { get; } = new([]);

    /// <summary>Gets the problems found, in document order.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Gets a value indicating whether no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Creates a result from a list of problems.</summary>
    /// <param name="problems">The problems; an empty list gives <see cref="Valid"/>.</param>
    /// <returns>The result.</returns>
    public static ValidationResult From(IReadOnlyList<ValidationProblem>? problems) =>
        problems is null || problems.Count == 0 ? Valid : new ValidationResult(problems);

    /// <summary>Joins the problems into one line, for logs and dead-letter reasons.</summary>
    /// <returns>The summary, or "valid".</returns>
    public override string ToString() => IsValid ? "valid" : string.Join("; ", Problems);
}
