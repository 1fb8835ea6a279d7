namespace AccountingSync.Checkpoints;

/// <summary>The saved resume position of one source stream.</summary>
/// <param name="Stream">The stream's name (the source's name, or a job's).</param>
/// <param name="Cursor">The cursor to resume after; null means start from the beginning.</param>
/// <param name="Revision">
/// Increases by one on every save; a save that names a stale revision is refused, which is how two instances
/// are kept from overwriting each other's progress.
/// </param>
/// <param name="UpdatedAt">When it was saved.</param>
public sealed record Checkpoint(string Stream, string? Cursor, long Revision, DateTimeOffset UpdatedAt);
