using AccountingSync.Connectors;
using AccountingSync.Http.Resilience;
using AccountingSync.Resilience;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an HTTP client for a provider API behind the SDK's resilience rules.</summary>
public static class AccountingSyncHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds Microsoft.Extensions.Http.Resilience's standard pipeline (rate limiter, total timeout, retry with backoff,
    /// circuit breaker, attempt timeout) retrying exactly what <see cref="HttpFailureClassifier"/> calls transient and
    /// honouring <c>Retry-After</c>; and, inside it, the tenant's request budget when one is given.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="limiter">The tenant's request budget, shared with every client of that tenant; none when null.</param>
    /// <param name="configure">Adjusts the standard options (timeouts, attempts, breaker).</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddAccountingSyncResilience(
        this IHttpClientBuilder builder, TargetRateLimiter? limiter = null, Action<HttpStandardResilienceOptions>? configure = null)
    {
        AddPipeline(builder, limiter, configure);
        return builder;
    }

    /// <summary>
    /// Adds the pipeline as <see cref="AddAccountingSyncResilience"/> does and returns its builder, through which
    /// settings of the client's own (such as a polled endpoint's) are layered on the SDK's.
    /// </summary>
    internal static IHttpStandardResiliencePipelineBuilder AddPipeline(
        IHttpClientBuilder builder, TargetRateLimiter? limiter, Action<HttpStandardResilienceOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipeline = builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.ShouldRetryAfterHeader = true;
            options.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
            options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
            configure?.Invoke(options);
        });
        if (limiter is not null)
        {
            builder.AddHttpMessageHandler(sp => new RateLimitingHandler(limiter, sp.GetService<TimeProvider>()));
        }

        return pipeline;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Result is { } response
        ? HttpFailureClassifier.IsTransient(response.StatusCode)
        : outcome.Exception is { } error && HttpFailureClassifier.Classify(error, CancellationToken.None).Error == ErrorClass.Transient;
}
