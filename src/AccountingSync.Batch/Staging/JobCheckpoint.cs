namespace AccountingSync.Batch.Staging;

/// <summary>How far a job got, as its staging store last committed it.</summary>
/// <param name="StagedThrough">The number of the last source row staged; 0 before the first chunk.</param>
/// <param name="StagingComplete">Whether the cross-row checks ran and staging is closed.</param>
/// <param name="LoadedThrough">
/// The low-water mark: the document key up to which every document is recorded; empty before the first chunk.
/// </param>
/// <param name="ChunksLoaded">The number of load chunks recorded, over every run of the job.</param>
/// <param name="BaselinePublished">Whether the job made its hashes its job name's baseline.</param>
public sealed record JobCheckpoint(
    long StagedThrough, bool StagingComplete, string LoadedThrough, long ChunksLoaded, bool BaselinePublished);
