namespace AccountingSync.Resilience;

/// <summary>The documented request limits of accounting APIs, as starting points for <see cref="TargetRateLimitOptions"/>.</summary>
/// <remarks>
/// Providers change their limits; check the figures against the provider's current documentation, and override any
/// property of the returned options.
/// </remarks>
public static class RateLimitPresets
{
    /// <summary>The most operations QuickBooks Online accepts in one batch request.</summary>
    public const int QuickBooksOnlineBatchSize = 30;

    /// <summary>
    /// QuickBooks Online, per realm (company): 500 requests a minute, 10 concurrent, and 40 batch requests a minute of
    /// at most <see cref="QuickBooksOnlineBatchSize"/> operations each.
    /// </summary>
    /// <param name="realmId">The realm (company) id.</param>
    /// <returns>The options.</returns>
    public static TargetRateLimitOptions QuickBooksOnline(string realmId) => new()
    {
        Partition = "qbo:" + realmId,
        RequestsPerMinute = 500,
        MaxConcurrentRequests = 10,
        BulkRequestsPerMinute = 40,
    };

    /// <summary>
    /// Xero, per organisation (tenant): 60 requests a minute, 5,000 a day, 5 concurrent. Xero also limits an app to
    /// 10,000 requests a minute across all organisations: share one <see cref="XeroApp"/> limiter between them.
    /// </summary>
    /// <param name="tenantId">The organisation's tenant id.</param>
    /// <returns>The options.</returns>
    public static TargetRateLimitOptions Xero(string tenantId) => new()
    {
        Partition = "xero:" + tenantId,
        RequestsPerMinute = 60,
        RequestsPerDay = 5_000,
        MaxConcurrentRequests = 5,
    };

    /// <summary>Xero's app-wide budget: 10,000 requests a minute across every connected organisation.</summary>
    /// <returns>The options, for one limiter shared by every Xero pipeline of the app.</returns>
    public static TargetRateLimitOptions XeroApp() => new()
    {
        Partition = "xero:app",
        RequestsPerMinute = 10_000,
    };
}
