namespace AccountingSync.Batch.Staging;

/// <summary>Which documents <see cref="IBatchStagingSession.ReadGroupsAsync"/> returns, by their recorded state.</summary>
public enum StagedGroupFilter
{
    /// <summary>Only documents with no state recorded yet: those still to load.</summary>
    Unrecorded = 0,

    /// <summary>
    /// Only documents the target holds or that were found unchanged: <see cref="DocumentState.Written"/>,
    /// <see cref="DocumentState.AlreadyApplied"/> and <see cref="DocumentState.Unchanged"/>.
    /// </summary>
    Loaded = 1,

    /// <summary>Every document that still has staged rows, whatever its state.</summary>
    All = 2,
}
