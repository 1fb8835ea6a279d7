using AccountingSync.Batch.Mapping;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// The outcome of one document of a chunk: the target's answer, the failures that kept it back, or, when
/// <see cref="Unchanged"/>, nothing sent because the previous run loaded the same content.
/// </summary>
internal sealed record LoadedGroup(
    StagedGroup Group, TargetWriteResult? Result, IReadOnlyList<RowFailure> Failures, bool Unchanged = false)
{
    public string GroupKey => Group.Key;

    public IReadOnlyList<StagedRow> Rows => Group.Rows;

    public DocumentState State => Unchanged ? DocumentState.Unchanged
        : Result is { } result ? (DocumentState)(int)result.Status
        : DocumentState.Failed;
}
