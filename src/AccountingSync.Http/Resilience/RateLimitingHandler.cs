using System.Net;
using AccountingSync.Resilience;

namespace AccountingSync.Http.Resilience;

/// <summary>
/// Spends one permit of a tenant's <see cref="TargetRateLimiter"/> per request, and when the provider answers 429 or
/// 503 with <c>Retry-After</c>, pauses every request of that tenant, not just the one that was refused.
/// </summary>
/// <remarks>Place it inside the resilience handler so that each retry spends a permit, as the provider counts it.</remarks>
public sealed class RateLimitingHandler(TargetRateLimiter limiter, TimeProvider? timeProvider = null) : DelegatingHandler
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Gets the request option that marks a request as a bulk (batch endpoint) call.</summary>
    public static HttpRequestOptionsKey<bool> IsBulkRequest { get; } = new("AccountingSync.IsBulkRequest");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bulk = request.Options.TryGetValue(IsBulkRequest, out var isBulk) && isBulk;
        using var lease = await limiter.AcquireAsync(bulk, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && HttpFailureClassifier.RetryAfter(response.Headers, _time) is { } wait)
        {
            limiter.Pause(wait);
        }

        return response;
    }
}
