using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// The staged rows of one document, the hash of their content in row order and, under change detection,
/// the hash the job name's previous run loaded (null when it loaded none).
/// </summary>
internal sealed record StagedGroup(string Key, List<StagedRow> Rows, byte[] Hash, byte[]? PreviousHash)
{
    public bool IsUnchanged => PreviousHash is not null && Hash.AsSpan().SequenceEqual(PreviousHash);
}
