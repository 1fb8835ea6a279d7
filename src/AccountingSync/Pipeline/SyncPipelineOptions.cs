using System.ComponentModel.DataAnnotations;
using AccountingSync.Resilience;

namespace AccountingSync.Pipeline;

/// <summary>Settings of a <see cref="SyncPipeline"/>. Validated at start; a bad value names itself in the error.</summary>
/// <remarks>
/// <para>
/// A record's way through the pipeline: it is read from its source, partitioned by entity into one of
/// <see cref="Parallelism"/> bounded channels of <see cref="PartitionCapacity"/> records, deduplicated, mapped,
/// validated, routed to a lane, batched, written, and committed. Memory is bounded by
/// <c>Parallelism × (PartitionCapacity + lane batch sizes)</c> records, whatever the source's size.
/// </para>
/// </remarks>
public sealed class SyncPipelineOptions
{
    /// <summary>Gets or sets how many partitions process records in parallel. Records of one entity always share one.</summary>
    /// <value>Defaults to the processor count, at least 2.</value>
    /// <remarks>From 1 to 256.</remarks>
    [Range(1, 256)]
    public int Parallelism { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Gets or sets how many records each partition's channel holds before the source is made to wait.</summary>
    /// <value>Defaults to 1,024.</value>
    /// <remarks>From 1 to 1,000,000.</remarks>
    [Range(1, 1_000_000)]
    public int PartitionCapacity { get; set; } = 1024;

    /// <summary>Gets the write lanes. The router picks one per record; the first is the default.</summary>
    /// <value>Defaults to one lane named <c>default</c>.</value>
    public IList<LaneOptions> Lanes { get; } = [new LaneOptions()];

    /// <summary>Gets or sets how many completed records may pass before a checkpoint is saved.</summary>
    /// <value>Defaults to 1,000.</value>
    /// <remarks>From 1 to 10,000,000. A checkpoint is also saved when a stream ends or stops.</remarks>
    [Range(1, 10_000_000)]
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>Gets or sets the longest time between checkpoints while records complete.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a stopping stream waits for its in-flight records to be committed.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a write that failed transiently is attempted before it is dead-lettered.</summary>
    /// <value>Defaults to 5.</value>
    /// <remarks>From 1 to 100.</remarks>
    [Range(1, 100)]
    public int MaxWriteAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first retry delay; later ones double, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to 200 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how long one write call may take before it is cancelled and retried.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long writing one batch may take, retries included, before its records are dead-lettered.</summary>
    /// <value>Defaults to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the target's circuit breaker settings.</summary>
    public CircuitBreakerSettings CircuitBreaker { get; } = new();

    /// <summary>Gets or sets the longest retry delay, including a target's Retry-After.</summary>
    /// <value>Defaults to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
