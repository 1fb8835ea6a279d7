namespace AccountingSync.Webhooks.Processing;

/// <summary>Settings of the background processor that moves inbox events into the pipeline.</summary>
/// <remarks>
/// Each cycle claims up to <see cref="BatchSize"/> events under a lease of <see cref="LeaseDuration"/>, runs them
/// through the endpoint's target pipeline, and completes them once the run committed them. The lease must outlast
/// a cycle; an instance that dies mid-cycle loses its lease and another instance processes the events again,
/// where the pipeline's deduplication and idempotency keep them single.
/// </remarks>
public sealed class WebhookProcessingOptions
{
    /// <summary>Gets or sets a value indicating whether this instance processes inbox events.</summary>
    /// <value>Defaults to <see langword="true"/>; turn off on instances that only receive.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the most events claimed per cycle.</summary>
    /// <value>Defaults to 500.</value>
    /// <remarks>Between 1 and 10,000.</remarks>
    public int BatchSize { get; set; } = 500;

    /// <summary>Gets or sets how long a claim is held before another instance may take the events.</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>Between 5 seconds and 1 hour.</remarks>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long an idle processor waits before looking again (new deliveries wake it at once).</summary>
    /// <value>Defaults to 5 seconds.</value>
    /// <remarks>Between 10 milliseconds and 10 minutes.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how many processing attempts an event whose entity fetch keeps failing gets before it is
    /// dead-lettered with the last failure and completed.
    /// </summary>
    /// <value>Defaults to 20.</value>
    /// <remarks>
    /// Between 1 and 1,000. A released event is claimed again after a back-off (see <see cref="FetchRetryDelay"/>),
    /// so the defaults give a provider outage or rate limit about an hour (5 s doubling to 5 minutes); put a resilience pipeline on
    /// the fetcher's HttpClient for waits within one attempt. A dead-lettered event stays in the inbox as processed
    /// and can be run again with <see cref="WebhookReplayer"/> by its event id.
    /// </remarks>
    public int MaxFetchAttempts { get; set; } = 20;

    /// <summary>Gets or sets how long an event waits after its first failed fetch before it is claimed again.</summary>
    /// <value>Defaults to 5 seconds.</value>
    /// <remarks>
    /// Between 0 and 1 hour. The wait doubles with each further attempt up to <see cref="MaxFetchRetryDelay"/>, and
    /// is never shorter than a <c>Retry-After</c> the provider sent. Other events go on meanwhile.
    /// </remarks>
    public TimeSpan FetchRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the longest back-off between fetch attempts of one event (a provider's
    /// <c>Retry-After</c> may ask for longer).</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>Between <see cref="FetchRetryDelay"/> and 1 day.</remarks>
    public TimeSpan MaxFetchRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how many claimed events of one endpoint have their entities fetched at the same time.
    /// </summary>
    /// <value>Defaults to 4.</value>
    /// <remarks>
    /// Between 1 and 64. Thin notifications (QuickBooks Online, Xero) need one API call per entity, so a backlog
    /// drains at this many round trips at once rather than one. Keep it within the provider's limit on concurrent
    /// calls per connection (Xero allows 5, QuickBooks Online 10). The changes still reach the pipeline in the
    /// order the events were received.
    /// </remarks>
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>Gets or sets this instance's claim owner id.</summary>
    /// <value>Defaults to the machine name and a random suffix.</value>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";
}
