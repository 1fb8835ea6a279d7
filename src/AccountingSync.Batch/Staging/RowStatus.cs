namespace AccountingSync.Batch.Staging;

/// <summary>Where a staged row stands in its job.</summary>
/// <remarks>Stores keep it as its integer value, so the values never change.</remarks>
public enum RowStatus
{
    /// <summary>The row belongs to a document that is loaded or still to load.</summary>
    Staged = 0,

    /// <summary>Reserved for a row marked loaded; the job keeps loaded rows <see cref="Staged"/>.</summary>
    Loaded = 1,

    /// <summary>The row broke a rule, or the target refused its document.</summary>
    Failed = 2,

    /// <summary>A stated rule left the row out.</summary>
    Skipped = 3,

    /// <summary>The row repeats an earlier row exactly.</summary>
    Duplicate = 4,
}
