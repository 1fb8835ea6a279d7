namespace AccountingSync.Checkpoints;

/// <summary>
/// Thrown when a stream's checkpoint was saved by someone else since this run read it: two instances are
/// running the same stream. The run stops rather than overwrite the other's progress.
/// </summary>
public sealed class CheckpointConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="expectedRevision">The revision this run expected.</param>
    public CheckpointConflictException(string stream, long expectedRevision)
        : base($"The checkpoint of stream '{stream}' moved past revision {expectedRevision} while this run held it; " +
               "another instance is running the same stream.")
    {
        Stream = stream;
        ExpectedRevision = expectedRevision;
    }

    /// <summary>Gets the stream.</summary>
    public string Stream { get; }

    /// <summary>Gets the revision this run expected.</summary>
    public long ExpectedRevision { get; }
}
