using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging;

/// <summary>
/// One job's staging, opened by <see cref="IBatchStagingStore.OpenSessionAsync"/>: what <see cref="BatchJob"/>
/// needs to stage rows, check them across the export, load documents in chunks and resume after any stop.
/// </summary>
/// <remarks>
/// <para>
/// Every step that must survive a kill is one transaction with the checkpoint it moves: a chunk of rows and
/// the staged-through row, closing staging and its duplicate pass, a load chunk's results and the low-water
/// mark, the baseline. A step that throws has changed nothing, so the job resumes from the checkpoint before it.
/// </para>
/// <para>
/// Not thread-safe: the job serialises its calls, and an enumeration must end before the next call. Every
/// backend must give the same results for the same calls; the batch staging conformance tests check it.
/// </para>
/// </remarks>
public interface IBatchStagingSession : IAsyncDisposable
{
    /// <summary>Gets the id of the job the session belongs to.</summary>
    string JobId { get; }

    /// <summary>Reads the job's checkpoint as last committed.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint; all zeros and empty for a new job.</returns>
    ValueTask<JobCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a chunk of mapped rows with their failures and moves <see cref="JobCheckpoint.StagedThrough"/> to its
    /// last row, in one transaction. Does nothing for an empty chunk.
    /// </summary>
    /// <param name="chunk">The rows, in rising row order, all after the checkpoint.</param>
    /// <param name="cancellationToken">Cancels the step; nothing of the chunk is then kept.</param>
    /// <returns>A task that completes when the chunk is committed.</returns>
    /// <remarks>Failures are numbered per row from 0, in the order the outcome lists them.</remarks>
    ValueTask StageChunkAsync(IReadOnlyList<MappedRow> chunk, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the checks across rows and closes staging, in one transaction: every row whose content hash repeats
    /// an earlier row's becomes <see cref="RowStatus.Duplicate"/>, its failures replaced by one
    /// <c>duplicate-row</c> line naming the earlier row (a failed original still counts: the repeat is the same
    /// bad row); then <see cref="JobCheckpoint.StagingComplete"/> is set.
    /// </summary>
    /// <param name="cancellationToken">Cancels the step; staging then stays open.</param>
    /// <returns>A task that completes when staging is closed.</returns>
    ValueTask CompleteStagingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the next <paramref name="limit"/> document keys after <paramref name="after"/> that have
    /// <see cref="RowStatus.Staged"/> rows, in ordinal key order, with those rows in row order, and keeps the
    /// documents whose recorded state <paramref name="filter"/> accepts.
    /// </summary>
    /// <param name="after">The key to read after; empty for the first page.</param>
    /// <param name="limit">How many keys the page covers, at least 1.</param>
    /// <param name="filter">Which documents to keep.</param>
    /// <param name="baselineName">
    /// The job name whose baseline hashes fill <see cref="StagedGroup.PreviousHash"/>; null to read none.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page; its <see cref="StagedGroupPage.LastKey"/> is where the next page starts.</returns>
    /// <remarks>Build the page with <see cref="StagedGroupPageBuilder"/>, so document hashes agree across stores.</remarks>
    ValueTask<StagedGroupPage> ReadGroupsAsync(
        string after, int limit, StagedGroupFilter filter, string? baselineName, CancellationToken cancellationToken);

    /// <summary>
    /// Records a load chunk's documents and moves the load checkpoint, in one transaction: each document's state,
    /// target id, message, row count and hash (replacing any earlier record); its
    /// <see cref="LoadedGroup.RowFailures"/>, after marking its staged rows failed; one more chunk in
    /// <see cref="JobCheckpoint.ChunksLoaded"/> when the chunk holds documents; and the low-water mark.
    /// </summary>
    /// <param name="groups">The chunk's documents; empty when every one was recorded before.</param>
    /// <param name="loadedThrough">The new <see cref="JobCheckpoint.LoadedThrough"/>, or null when it does not move.</param>
    /// <param name="cancellationToken">
    /// Cancels the step. The job passes none: once the target has committed a chunk, recording it must not stop.
    /// </param>
    /// <returns>A task that completes when the chunk is committed.</returns>
    ValueTask CompleteLoadChunkAsync(
        IReadOnlyList<LoadedGroup> groups, string? loadedThrough, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the job as its job name's baseline, in one transaction: records as <see cref="DocumentState.Removed"/>
    /// every document of the name's baseline the job has no record of, replaces the baseline with the job's
    /// written, already applied and unchanged documents and their hashes, and sets
    /// <see cref="JobCheckpoint.BaselinePublished"/>.
    /// </summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the step; the baseline then stays as it was.</param>
    /// <returns>A task that completes when the baseline is published.</returns>
    /// <remarks>
    /// A document that failed in this job is left out of the new baseline, so the next run sends it again. The
    /// job publishes once, so running it again never rolls the baseline back.
    /// </remarks>
    ValueTask PublishBaselineAsync(string jobName, CancellationToken cancellationToken);

    /// <summary>Counts the job's rows by status and its documents, and their rows, by recorded state.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The counts.</returns>
    ValueTask<StagingCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>Lists the keys of the job's documents recorded in one state, in ordinal key order.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The keys.</returns>
    IAsyncEnumerable<string> ReadDocumentKeysAsync(DocumentState state, CancellationToken cancellationToken);

    /// <summary>Lists every failure, skip and duplicate line of the job, by row number and then in recorded order.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The report lines.</returns>
    IAsyncEnumerable<RowFailure> ReadFailuresAsync(CancellationToken cancellationToken);
}
