namespace AccountingSync.Resilience;

/// <summary>Thrown when more requests wait for a target partition's permits than its queue allows.</summary>
public sealed class RateLimitQueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="queueLimit">Its queue limit.</param>
    public RateLimitQueueFullException(string partition, int queueLimit)
        : base($"More than {queueLimit} requests are waiting for rate-limit permits of '{partition}'; raise " +
               $"{nameof(TargetRateLimitOptions)}.{nameof(TargetRateLimitOptions.QueueLimit)} or lower the pipeline's parallelism.")
    {
        Partition = partition;
    }

    /// <summary>Gets the partition.</summary>
    public string Partition { get; }
}
