namespace AccountingSync.Pipeline;

/// <summary>What one run of a stream through the pipeline did.</summary>
public sealed record SyncRunResult
{
    /// <summary>Gets the stream's name.</summary>
    public required string Stream { get; init; }

    /// <summary>Gets how many records were read from the source.</summary>
    public long Read { get; init; }

    /// <summary>Gets how many records were written to the target.</summary>
    public long Written { get; init; }

    /// <summary>Gets how many writes the target had already applied (retries after a lost response).</summary>
    public long AlreadyApplied { get; init; }

    /// <summary>Gets how many records were duplicates of committed ones.</summary>
    public long Duplicates { get; init; }

    /// <summary>Gets how many records were older than what the target holds.</summary>
    public long Stale { get; init; }

    /// <summary>Gets how many records the mapper skipped as having no accounting effect.</summary>
    public long Skipped { get; init; }

    /// <summary>Gets how many records went to the dead-letter store.</summary>
    public long DeadLettered { get; init; }

    /// <summary>Gets the checkpoint's cursor when the run ended.</summary>
    public string? Cursor { get; init; }

    /// <summary>Gets a value indicating whether the run was stopped before its source ended.</summary>
    public bool Stopped { get; init; }

    /// <summary>Gets how long the run took.</summary>
    public TimeSpan Elapsed { get; init; }
}
