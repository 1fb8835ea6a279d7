namespace AccountingSync.Batch;

/// <summary>What a batch job did, counted over every run of the job id (a resumed job reports the whole job).</summary>
/// <remarks>
/// <see cref="RowsRead"/> = <see cref="RowsLoaded"/> + <see cref="RowsFailed"/> + <see cref="RowsSkipped"/> +
/// <see cref="RowsDuplicate"/> once the job has finished. List the failed rows with
/// <see cref="BatchJob.ReadFailuresAsync"/>.
/// </remarks>
public sealed record BatchJobResult
{
    /// <summary>Gets the job's id.</summary>
    public required string JobId { get; init; }

    /// <summary>Gets the number of source rows read and staged.</summary>
    public long RowsRead { get; init; }

    /// <summary>Gets the number of rows whose document the target holds.</summary>
    public long RowsLoaded { get; init; }

    /// <summary>Gets the number of rows that broke a rule or whose document the target refused.</summary>
    public long RowsFailed { get; init; }

    /// <summary>Gets the number of rows a stated rule left out (stock adjustments, zero prices).</summary>
    public long RowsSkipped { get; init; }

    /// <summary>Gets the number of rows that exactly repeat an earlier row and were loaded once.</summary>
    public long RowsDuplicate { get; init; }

    /// <summary>
    /// Gets the number of rows of documents content-hash change detection found unchanged since the job name's
    /// previous run, and did not send.
    /// </summary>
    public long RowsUnchanged { get; init; }

    /// <summary>Gets the number of documents the target wrote.</summary>
    public long DocumentsWritten { get; init; }

    /// <summary>Gets the number of documents the target already held (a resumed chunk, or a job run again).</summary>
    public long DocumentsAlreadyApplied { get; init; }

    /// <summary>Gets the number of documents not loaded.</summary>
    public long DocumentsFailed { get; init; }

    /// <summary>Gets the number of documents unchanged since the job name's previous run, and not sent.</summary>
    public long DocumentsUnchanged { get; init; }

    /// <summary>
    /// Gets the number of documents the job name's previous run loaded of which this export staged no row (gone
    /// from the export, or every row failed a rule). Nothing is deleted in the target; list them with
    /// <see cref="BatchJob.ReadRemovedDocumentKeysAsync"/>.
    /// </summary>
    public long DocumentsRemoved { get; init; }

    /// <summary>Gets the number of load chunks committed, over every run of the job.</summary>
    public long ChunksLoaded { get; init; }

    /// <summary>Gets the number of failed rows by rule name.</summary>
    public IReadOnlyDictionary<string, long> FailuresByRule { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets a value indicating whether every row was loaded, skipped by a rule or a duplicate.</summary>
    public bool Succeeded => RowsFailed == 0;
}
