using AccountingSync.Batch.Staging;

namespace AccountingSync.Batch;

/// <summary>The settings of one <see cref="BatchJob"/>.</summary>
public sealed record BatchJobOptions
{
    /// <summary>Gets the job's id; a job run again with the same id resumes from its checkpoint.</summary>
    /// <value>Required.</value>
    public required string JobId { get; init; }

    /// <summary>Gets the connection string of the job's SQLite staging database, such as <c>Data Source=job.db</c>.</summary>
    /// <value>Defaults to null; set this or <see cref="StagingStore"/>, not both.</value>
    /// <remarks>
    /// The job owns the tables <c>batch_jobs</c>, <c>batch_rows</c>, <c>batch_failures</c>,
    /// <c>batch_documents</c> and <c>batch_baselines</c> and creates them on first use; the file may hold other
    /// stores' tables. Every finished job's rows stay in it (they are the source side of a reconciliation), so
    /// delete old jobs' files or rows when they are no longer needed. It is a shorthand for a
    /// <see cref="SqliteBatchStagingStore"/> on <see cref="StagingStore"/>.
    /// </remarks>
    public string? StagingConnectionString { get; init; }

    /// <summary>Gets the store the job keeps its staging in, such as PostgreSQL's, shared by several machines.</summary>
    /// <value>Defaults to null; set this or <see cref="StagingConnectionString"/>, not both.</value>
    /// <remarks>
    /// The store must outlive the job; the job opens a session on it for each step and never disposes it.
    /// Successive runs of a job id, and of a job name under change detection, must use the same store.
    /// </remarks>
    public IBatchStagingStore? StagingStore { get; init; }

    /// <summary>Gets how many source rows are staged per transaction (and checkpoint).</summary>
    /// <value>Defaults to 2,000.</value>
    /// <remarks>From 1 to 100,000. A killed job re-reads at most this many rows.</remarks>
    public int StageChunkSize { get; init; } = 2_000;

    /// <summary>Gets how many documents go to the target per bulk call (and checkpoint).</summary>
    /// <value>Defaults to 100; capped at the target's <see cref="Connectors.TargetCapabilities.MaxBulkSize"/>.</value>
    /// <remarks>From 1 to 10,000. Each chunk is one all-or-nothing call of the target's bulk contract.</remarks>
    public int LoadChunkSize { get; init; } = 100;

    /// <summary>Gets how the job decides which documents to send.</summary>
    /// <value>Defaults to <see cref="Batch.ChangeDetection.None"/>.</value>
    /// <remarks>
    /// <see cref="Batch.ChangeDetection.ContentHash"/> needs <see cref="JobName"/>. Hashes cover the rows'
    /// raw values, not the mapper's settings: after changing those, run once without change detection.
    /// </remarks>
    public ChangeDetection ChangeDetection { get; init; }

    /// <summary>
    /// Gets the name shared by successive runs of the same export (each run with its own
    /// <see cref="JobId"/>), under which content-hash change detection keeps the last loaded hashes.
    /// </summary>
    /// <value>Defaults to null; required with <see cref="Batch.ChangeDetection.ContentHash"/>.</value>
    /// <remarks>
    /// The hashes live in the staging database, so successive runs must share it. Runs of one name must not
    /// overlap: the name's baseline moves when a run finishes.
    /// </remarks>
    public string? JobName { get; init; }

    /// <summary>Gets how many load chunks may be in flight to the target at once.</summary>
    /// <value>Defaults to 1.</value>
    /// <remarks>
    /// From 1 to 64. A document's rows always travel in one chunk, so one entity is never written by two
    /// chunks at once. Above 1 the target's bulk contract and the mapper's <c>BuildDocument</c> are called
    /// concurrently and must allow it. The checkpoint only moves past a chunk once every earlier one has
    /// committed; a resumed job skips the later chunks it had recorded.
    /// </remarks>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal IEnumerable<string> Problems(string prefix = nameof(BatchJobOptions))
    {
        if (string.IsNullOrWhiteSpace(JobId))
        {
            yield return $"{prefix}.JobId is required.";
        }

        if (StagingStore is null && string.IsNullOrWhiteSpace(StagingConnectionString))
        {
            yield return $"{prefix}.StagingConnectionString or {prefix}.StagingStore is required.";
        }
        else if (StagingStore is not null && !string.IsNullOrWhiteSpace(StagingConnectionString))
        {
            yield return $"{prefix}.StagingConnectionString and {prefix}.StagingStore are both set; set only one.";
        }
        else if (StagingStore is null && !IsSqliteConnectionString(StagingConnectionString!))
        {
            yield return $"{prefix}.StagingConnectionString is not a valid SQLite connection string.";
        }

        if (StageChunkSize is < 1 or > 100_000)
        {
            yield return $"{prefix}.StageChunkSize must be from 1 to 100,000 (was {StageChunkSize}).";
        }

        if (LoadChunkSize is < 1 or > 10_000)
        {
            yield return $"{prefix}.LoadChunkSize must be from 1 to 10,000 (was {LoadChunkSize}).";
        }

        if (MaxDegreeOfParallelism is < 1 or > 64)
        {
            yield return $"{prefix}.MaxDegreeOfParallelism must be from 1 to 64 (was {MaxDegreeOfParallelism}).";
        }

        if (!Enum.IsDefined(ChangeDetection))
        {
            yield return $"{prefix}.ChangeDetection has no value {(int)ChangeDetection}.";
        }
        else if (ChangeDetection == ChangeDetection.ContentHash && string.IsNullOrWhiteSpace(JobName))
        {
            yield return $"{prefix}.JobName is required when {prefix}.ChangeDetection is ContentHash.";
        }
    }

    private static bool IsSqliteConnectionString(string connectionString)
    {
        try
        {
            _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal void Validate()
    {
        if (Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, "options");
        }
    }
}
