namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Where a staged row stands; stored as an integer.</summary>
internal enum RowStatus
{
    Staged = 0,
    Loaded = 1,
    Failed = 2,
    Skipped = 3,
    Duplicate = 4,
}
