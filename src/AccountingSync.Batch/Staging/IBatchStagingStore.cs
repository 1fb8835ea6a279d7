namespace AccountingSync.Batch.Staging;

/// <summary>
/// Where batch jobs keep their staging: staged rows, failures, per-document load results, each job's checkpoint
/// and, for content-hash change detection, each job name's last loaded document hashes.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="SqliteBatchStagingStore"/> keeps them in a SQLite file; the <c>AccountingSync.Batch.PostgreSql</c>
/// package keeps them in PostgreSQL, where several instances may share one schema. Set one on
/// <see cref="BatchJobOptions.StagingStore"/>, or set <see cref="BatchJobOptions.StagingConnectionString"/> for
/// SQLite.
/// </para>
/// <para>
/// Every job is keyed by its id, and every job name's baseline by its name, so one store serves any number of
/// jobs. One job id must not be open in two sessions at once. Implementations are thread-safe; the sessions
/// they open are not.
/// </para>
/// </remarks>
public interface IBatchStagingStore
{
    /// <summary>Opens a job's session, recording the job when it is new; an existing job keeps its checkpoint.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="source">The name of the job's source, recorded with a new job.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The session; dispose it when the job's step is done.</returns>
    /// <exception cref="InvalidOperationException">The store's tables were written by another version and cannot be used.</exception>
    ValueTask<IBatchStagingSession> OpenSessionAsync(string jobId, string source, CancellationToken cancellationToken);
}
