namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// How far a job got: rows staged, whether staging finished, the key below which every document is loaded
/// (the low-water mark), chunks committed, and whether the job published its hashes as its name's baseline.
/// </summary>
internal sealed record JobCheckpoint(
    long StagedThrough, bool StagingComplete, string LoadedThrough, long ChunksLoaded, bool BaselinePublished);
