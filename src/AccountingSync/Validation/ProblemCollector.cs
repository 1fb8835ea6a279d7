namespace AccountingSync.Validation;

/// <summary>
/// Gathers problems while a validator walks a document; allocates only when the first problem is found.
/// </summary>
public struct ProblemCollector
{
    private List<ValidationProblem>? _problems;

    /// <summary>Gets a value indicating whether any problem has been added.</summary>
    public readonly bool HasProblems => _problems is { Count: > 0 };

    /// <summary>Adds a problem.</summary>
    /// <param name="path">Where, such as <c>Lines[0].Quantity</c>.</param>
    /// <param name="code">The rule's code.</param>
    /// <param name="message">What is wrong.</param>
    public void Add(string path, string code, string message) =>
        (_problems ??= []).Add(new ValidationProblem(path, code, message));

    /// <summary>Builds the result.</summary>
    /// <returns>The problems found, or <see cref="ValidationResult.Valid"/>.</returns>
    public readonly ValidationResult ToResult() => ValidationResult.From(_problems);
}
