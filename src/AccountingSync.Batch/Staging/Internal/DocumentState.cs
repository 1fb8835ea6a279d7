namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// What became of one document of a job; stored as an integer. The first three equal
/// <see cref="Connectors.WriteStatus"/>'s values.
/// </summary>
internal enum DocumentState
{
    Written = 0,
    AlreadyApplied = 1,
    Failed = 2,

    /// <summary>Content-hash change detection found it as the job name's previous run loaded it; not sent.</summary>
    Unchanged = 3,

    /// <summary>The previous run loaded it; this run staged no row of it.</summary>
    Removed = 4,
}
