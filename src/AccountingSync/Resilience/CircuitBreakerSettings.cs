using System.ComponentModel.DataAnnotations;

namespace AccountingSync.Resilience;

/// <summary>
/// When a target's circuit opens: the share of failed write calls in a sampling window, with enough calls to judge.
/// </summary>
/// <remarks>
/// An open circuit does not fail records: the partition that hit it waits for the break to end, its channel fills,
/// and the source is made to wait (back-pressure), so an outage costs time, never dead letters.
/// </remarks>
public sealed class CircuitBreakerSettings
{
    /// <summary>Gets or sets the share of failed calls that opens the circuit.</summary>
    /// <value>Defaults to 0.5.</value>
    /// <remarks>From 0.01 to 1.</remarks>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many calls the window must hold before the ratio counts.</summary>
    /// <value>Defaults to 10.</value>
    /// <remarks>From 2 to 10,000.</remarks>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the sampling window.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before one probe call is let through (half-open).</summary>
    /// <value>Defaults to 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
