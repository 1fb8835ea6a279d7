namespace AccountingSync.Batch.Mapping;

/// <summary>One line of a job's failure report: which row, which column and value, which rule, and why.</summary>
/// <param name="RowNumber">The row's 1-based number among the source's data rows.</param>
/// <param name="Column">The column the rule looked at, or <see langword="null"/> for a rule over the whole row.</param>
/// <param name="Value">The value the rule rejected, as the source wrote it; <see langword="null"/> when there was none.</param>
/// <param name="Rule">The rule's stable, kebab-case name, such as <c>date-format</c>; report readers group by it.</param>
/// <param name="Message">What was wrong, for people.</param>
/// <param name="Disposition">Whether the row failed, was skipped by a rule or was a duplicate.</param>
public sealed record RowFailure(
    long RowNumber, string? Column, string? Value, string Rule, string Message,
    RowDisposition Disposition = RowDisposition.Failed);
