using AccountingSync.Batch.Mapping;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Staging;

/// <summary>
/// The outcome of one document of a load chunk: the target's answer, the failures that kept it back, or, when
/// <see cref="Unchanged"/>, nothing sent because the previous run loaded the same content.
/// </summary>
/// <param name="Group">The document as it was read.</param>
/// <param name="Result">The target's answer; null when the document was not sent.</param>
/// <param name="Failures">Why the mapper could not build the document; empty when it was built.</param>
/// <param name="Unchanged">Whether change detection kept it back as unchanged.</param>
public sealed record LoadedGroup(
    StagedGroup Group, TargetWriteResult? Result, IReadOnlyList<RowFailure> Failures, bool Unchanged = false)
{
    /// <summary>Gets the document's key.</summary>
    public string GroupKey => Group.Key;

    /// <summary>Gets the document's staged rows.</summary>
    public IReadOnlyList<StagedRow> Rows => Group.Rows;

    /// <summary>Gets the state a store records for the document.</summary>
    public DocumentState State => Unchanged ? DocumentState.Unchanged
        : Result is { } result ? (DocumentState)(int)result.Status
        : DocumentState.Failed;

    /// <summary>
    /// Gets the failures a store records for the document's rows: the mapper's, or, when the target refused the
    /// document, one <c>target-refused</c> line per row. Empty when the document was loaded or unchanged; when
    /// not empty, the store marks the document's staged rows <see cref="RowStatus.Failed"/>.
    /// </summary>
    public IReadOnlyList<RowFailure> RowFailures => Result is { Succeeded: false } refused
        ? Rows.Select(r => new RowFailure(
            r.RowNumber, null, null, "target-refused",
            $"The target refused document {GroupKey} ({refused.Error}): {refused.Message}")).ToList()
        : Failures;
}
