namespace AccountingSync.Pipeline;

/// <summary>What the pipeline did with one record.</summary>
public enum RecordOutcome
{
    /// <summary>Written to the target now.</summary>
    Written = 0,

    /// <summary>The target had applied the same idempotency key before (a retry after a lost response); nothing written.</summary>
    AlreadyApplied = 1,

    /// <summary>The same event id or the same entity version was committed before; skipped.</summary>
    Duplicate = 2,

    /// <summary>Older than the version the target holds; skipped so newer data is never overwritten.</summary>
    Stale = 3,

    /// <summary>The mapper said the record has no accounting effect; skipped.</summary>
    Skipped = 4,

    /// <summary>Sent to the dead-letter store with its reason.</summary>
    DeadLettered = 5,
}
