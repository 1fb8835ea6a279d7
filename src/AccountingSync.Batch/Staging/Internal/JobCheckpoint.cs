namespace AccountingSync.Batch.Staging.Internal;

/// <summary>How far a job got: rows staged, whether staging finished, and the last document key loaded.</summary>
internal sealed record JobCheckpoint(long StagedThrough, bool StagingComplete, string LoadedThrough, long ChunksLoaded);
