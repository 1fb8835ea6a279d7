using AccountingSync.Batch.Mapping;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>The outcome of one document of a chunk: the target's answer, or the failures that kept it back.</summary>
internal sealed record LoadedGroup(
    string GroupKey, IReadOnlyList<StagedRow> Rows, TargetWriteResult? Result, IReadOnlyList<RowFailure> Failures);
