using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging;

/// <summary>The staged rows of one document, read back from a staging store to be built and loaded.</summary>
/// <param name="Key">The document's key: the group key the mapper gave its rows.</param>
/// <param name="Rows">The document's staged rows, in row order.</param>
/// <param name="Hash">
/// The document's content hash: 16 bytes over its rows' content hashes, in row order. Built by
/// <see cref="StagedGroupPageBuilder"/>, so every store hashes a document the same way.
/// </param>
/// <param name="PreviousHash">
/// Under change detection, the hash the job name's previous run loaded; null when it loaded none, or when the
/// read asked for no baseline.
/// </param>
public sealed record StagedGroup(string Key, IReadOnlyList<StagedRow> Rows, byte[] Hash, byte[]? PreviousHash)
{
    /// <summary>Gets a value indicating whether the previous run loaded exactly this content.</summary>
    public bool IsUnchanged => PreviousHash is not null && Hash.AsSpan().SequenceEqual(PreviousHash);
}
