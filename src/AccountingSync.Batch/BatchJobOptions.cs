namespace AccountingSync.Batch;

/// <summary>The settings of one <see cref="BatchJob"/>.</summary>
public sealed record BatchJobOptions
{
    /// <summary>Gets the job's id; a job run again with the same id resumes from its checkpoint.</summary>
    /// <value>Required.</value>
    public required string JobId { get; init; }

    /// <summary>Gets the connection string of the job's SQLite staging database, such as <c>Data Source=job.db</c>.</summary>
    /// <value>Required.</value>
    /// <remarks>
    /// The job owns the tables <c>batch_jobs</c>, <c>batch_rows</c>, <c>batch_failures</c> and
    /// <c>batch_documents</c> and creates them on first use; the file may hold other stores' tables.
    /// </remarks>
    public required string StagingConnectionString { get; init; }

    /// <summary>Gets how many source rows are staged per transaction (and checkpoint).</summary>
    /// <value>Defaults to 2,000.</value>
    /// <remarks>From 1 to 100,000. A killed job re-reads at most this many rows.</remarks>
    public int StageChunkSize { get; init; } = 2_000;

    /// <summary>Gets how many documents go to the target per bulk call (and checkpoint).</summary>
    /// <value>Defaults to 100; capped at the target's <see cref="Connectors.TargetCapabilities.MaxBulkSize"/>.</value>
    /// <remarks>From 1 to 10,000. Each chunk is one all-or-nothing call of the target's bulk contract.</remarks>
    public int LoadChunkSize { get; init; } = 100;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(JobId))
        {
            throw new ArgumentException("BatchJobOptions.JobId is required.");
        }

        if (string.IsNullOrWhiteSpace(StagingConnectionString))
        {
            throw new ArgumentException("BatchJobOptions.StagingConnectionString is required.");
        }

        if (StageChunkSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(StageChunkSize), StageChunkSize, "BatchJobOptions.StageChunkSize must be from 1 to 100,000.");
        }

        if (LoadChunkSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(LoadChunkSize), LoadChunkSize, "BatchJobOptions.LoadChunkSize must be from 1 to 10,000.");
        }
    }
}
