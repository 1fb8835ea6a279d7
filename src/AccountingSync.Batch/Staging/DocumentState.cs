namespace AccountingSync.Batch.Staging;

/// <summary>What became of one document of a job, as its staging store records it.</summary>
/// <remarks>
/// Stores keep it as its integer value, so the values never change. The first three equal
/// <see cref="Connectors.WriteStatus"/>'s values. A document with no state recorded has not been loaded yet.
/// </remarks>
public enum DocumentState
{
    /// <summary>The target wrote it.</summary>
    Written = 0,

    /// <summary>The target already held it (a chunk sent again after a crash, or a job run again).</summary>
    AlreadyApplied = 1,

    /// <summary>It was not loaded: its mapper reported failures, or the target refused it.</summary>
    Failed = 2,

    /// <summary>Content-hash change detection found it as the job name's previous run loaded it; not sent.</summary>
    Unchanged = 3,

    /// <summary>The previous run loaded it; this run staged no row of it.</summary>
    Removed = 4,
}
