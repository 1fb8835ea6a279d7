using System.ComponentModel.DataAnnotations;

namespace AccountingSync.Pipeline;

/// <summary>
/// A lane of writes: records routed to it are written in batches of up to <see cref="BatchSize"/>, and no
/// record waits longer than <see cref="MaxWait"/> for its batch to fill.
/// </summary>
public sealed class LaneOptions
{
    /// <summary>Gets or sets the lane's name, unique within a pipeline.</summary>
    [Required]
    public string Name { get; set; } = "default";

    /// <summary>Gets or sets the most records per write call; capped by the target's bulk size.</summary>
    /// <value>Defaults to 100.</value>
    /// <remarks>From 1 to 10,000. 1 writes every record on its own, as a real-time lane does.</remarks>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets how long the first record of a batch may wait for the batch to fill.</summary>
    /// <value>Defaults to 200 milliseconds.</value>
    /// <remarks>From zero to one day. Time is read through the pipeline's <see cref="TimeProvider"/>.</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Gets or sets the most of the target's per-minute request budget this lane may spend. Lanes without a share may
    /// spend all of it; give a backfill lane 0.6 and the real-time lane can always count on the other 40 %.
    /// </summary>
    /// <value>Defaults to null: no cap of its own.</value>
    /// <remarks>From 0.01 to 1. Applies only when the pipeline has a rate limiter with a per-minute budget.</remarks>
    [Range(0.01, 1.0)]
    public double? RequestShare { get; set; }
}
