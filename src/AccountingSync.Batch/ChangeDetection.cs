namespace AccountingSync.Batch;

/// <summary>How a <see cref="BatchJob"/> decides which documents of an export to send.</summary>
public enum ChangeDetection
{
    /// <summary>Every document is sent; the target's idempotency keeps a repeat harmless.</summary>
    None = 0,

    /// <summary>
    /// Each document's content hash (over its rows' raw values, in row order) is compared with the one the
    /// previous completed run of the same <see cref="BatchJobOptions.JobName"/> loaded; only new and changed
    /// documents are sent. For exports that carry no timestamps to compare.
    /// </summary>
    ContentHash = 1,
}
