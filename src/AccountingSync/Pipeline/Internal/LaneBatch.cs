namespace AccountingSync.Pipeline.Internal;

/// <summary>The records a partition holds for one lane until the batch is full or its first record has waited long enough.</summary>
internal sealed class LaneBatch(LaneOptions options)
{
    public LaneOptions Options { get; } = options;

    public List<PendingWrite> Items { get; } = new(options.BatchSize);

    /// <summary>Gets or sets the timestamp, from the pipeline's time provider, at which the first item was added.</summary>
    public long OpenedAt { get; set; }

    public bool IsFull => Items.Count >= Options.BatchSize;
}
