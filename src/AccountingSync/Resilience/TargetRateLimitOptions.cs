using System.ComponentModel.DataAnnotations;

namespace AccountingSync.Resilience;

/// <summary>
/// The request budget of one target partition (one company, realm or organisation): requests per minute and per
/// day, concurrent requests, and a separate budget for bulk calls. Unset limits do not apply.
/// </summary>
/// <remarks>
/// <para>Start from <see cref="RateLimitPresets"/> for providers whose limits are documented.</para>
/// <para>
/// The limits are enforced with System.Threading.RateLimiting: evenly spaced permits for the per-minute budgets (one
/// every window / (limit − 1), so no window ever holds more than the limit), a fixed window per day and a
/// concurrency limiter, chained. Those limiters measure real elapsed time. A provider's request to wait
/// (<c>Retry-After</c>) pauses the whole partition through the pipeline's <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
public sealed class TargetRateLimitOptions
{
    /// <summary>Gets or sets the partition's name: the tenant (realm, organisation) whose budget this is.</summary>
    /// <value>Defaults to <c>default</c>.</value>
    [Required]
    public string Partition { get; set; } = "default";

    /// <summary>Gets or sets the requests allowed in any minute.</summary>
    /// <remarks>From 1 to 1,000,000, or null for no per-minute limit.</remarks>
    [Range(1, 1_000_000)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the requests allowed per day (a fixed window from the limiter's start).</summary>
    /// <remarks>From 1 to 100,000,000, or null for no daily limit.</remarks>
    [Range(1, 100_000_000)]
    public int? RequestsPerDay { get; set; }

    /// <summary>Gets or sets the requests allowed in flight at once.</summary>
    /// <remarks>From 1 to 10,000, or null for no concurrency limit.</remarks>
    [Range(1, 10_000)]
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Gets or sets the bulk (batch endpoint) calls allowed in any minute, on top of the request limits.</summary>
    /// <remarks>From 1 to 1,000,000, or null when bulk calls have no budget of their own.</remarks>
    [Range(1, 1_000_000)]
    public int? BulkRequestsPerMinute { get; set; }

    /// <summary>Gets or sets how long the window of <see cref="RequestsPerMinute"/> is.</summary>
    /// <value>Defaults to one minute; shorter windows scale the limit down proportionally (tests, benchmarks).</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MinuteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many requests may wait for a permit; more are refused at once.</summary>
    /// <value>Defaults to 10,000.</value>
    [Range(0, 10_000_000)]
    public int QueueLimit { get; set; } = 10_000;
}
