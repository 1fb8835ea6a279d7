namespace AccountingSync.Checkpoints;

/// <summary>
/// Keeps the resume position (cursor or watermark) of every source stream, with optimistic concurrency.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface ICheckpointStore
{
    /// <summary>Reads a stream's checkpoint.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint, or null when the stream has never saved one.</returns>
    ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken);

    /// <summary>Saves a stream's checkpoint if nobody saved one since the caller read it.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="cursor">The new cursor.</param>
    /// <param name="expectedRevision">The revision the caller read; 0 when it read none.</param>
    /// <param name="savedAt">When it is saved.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The saved checkpoint, or null when the stored revision differs from <paramref name="expectedRevision"/>.</returns>
    ValueTask<Checkpoint?> TrySaveAsync(
        string stream, string? cursor, long expectedRevision, DateTimeOffset savedAt, CancellationToken cancellationToken);
}
