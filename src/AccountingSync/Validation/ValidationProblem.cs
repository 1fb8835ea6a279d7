namespace AccountingSync.Validation;

/// <summary>One thing wrong with a document: where, what rule, and a message for people.</summary>
/// <param name="Path">Where the problem is, as a property path such as <c>Lines[3].UnitPrice</c>.</param>
/// <param name="Code">A stable, machine-readable code from <see cref="ValidationCodes"/> or the integrator's own.</param>
/// <param name="Message">What is wrong, for a person to read.</param>
public sealed record ValidationProblem(string Path, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} ({Code})";
}
