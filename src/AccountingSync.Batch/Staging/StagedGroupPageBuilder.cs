using System.IO.Hashing;
using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging;

/// <summary>
/// Turns staged rows read in (document key, row number) order into a <see cref="StagedGroupPage"/>: groups them,
/// applies the filter once per document and hashes each document, so every staging store hashes alike.
/// </summary>
/// <remarks>
/// For implementers of <see cref="IBatchStagingSession.ReadGroupsAsync"/>: read the page's recorded states and
/// baseline hashes for its key range first, then feed its staged rows in order. Not thread-safe.
/// </remarks>
public sealed class StagedGroupPageBuilder
{
    private readonly StagedGroupFilter _filter;
    private readonly IReadOnlyDictionary<string, DocumentState> _states;
    private readonly IReadOnlyDictionary<string, byte[]> _baseline;
    private readonly List<StagedGroup> _groups = [];
    private readonly XxHash128 _hasher = new();
    private string? _key;
    private List<StagedRow>? _rows;

    /// <summary>Creates a builder for one page.</summary>
    /// <param name="filter">Which documents to keep.</param>
    /// <param name="states">The recorded state of each document of the page's key range that has one.</param>
    /// <param name="baseline">The previous run's hash of each document of the range it loaded; empty without one.</param>
    public StagedGroupPageBuilder(
        StagedGroupFilter filter, IReadOnlyDictionary<string, DocumentState> states, IReadOnlyDictionary<string, byte[]> baseline)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(baseline);
        _filter = filter;
        _states = states;
        _baseline = baseline;
    }

    /// <summary>Adds the next staged row; rows must come in (key, row number) order, ordinal key order.</summary>
    /// <param name="groupKey">The row's document key.</param>
    /// <param name="rowNumber">The row's number.</param>
    /// <param name="payload">The row's staged payload.</param>
    /// <param name="contentHash">The row's content hash.</param>
    public void Add(string groupKey, long rowNumber, string payload, ReadOnlySpan<byte> contentHash)
    {
        if (!string.Equals(_key, groupKey, StringComparison.Ordinal))
        {
            Close();
            _key = groupKey;
            _rows = Keeps(_states.TryGetValue(groupKey, out var state) ? state : null) ? [] : null;
            _hasher.Reset();
        }

        if (_rows is not null)
        {
            _rows.Add(new StagedRow(rowNumber, payload));

            // A document's hash covers its rows' hashes in row order, not their numbers: a row added or
            // removed elsewhere in the export leaves the document's hash as it was.
            _hasher.Append(contentHash);
        }
    }

    /// <summary>Closes the last document and returns the page.</summary>
    /// <param name="lastKey">The last key the page's key read returned; null when it returned none.</param>
    /// <returns>The page.</returns>
    public StagedGroupPage Build(string? lastKey)
    {
        Close();
        _key = null;
        return new StagedGroupPage(_groups, lastKey);
    }

    private bool Keeps(DocumentState? state) => _filter switch
    {
        StagedGroupFilter.Unrecorded => state is null,
        StagedGroupFilter.Loaded => state is DocumentState.Written or DocumentState.AlreadyApplied or DocumentState.Unchanged,
        _ => true,
    };

    private void Close()
    {
        if (_key is not null && _rows is not null)
        {
            _groups.Add(new StagedGroup(_key, _rows, _hasher.GetCurrentHash(), _baseline.GetValueOrDefault(_key)));
        }
    }
}
