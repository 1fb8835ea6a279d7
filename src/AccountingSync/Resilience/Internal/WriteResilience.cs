using AccountingSync.Pipeline;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AccountingSync.Resilience.Internal;

/// <summary>
/// Builds the Polly pipeline a batch write runs through, outermost first: total timeout, retry with exponential
/// backoff and jitter (honouring Retry-After), circuit breaker per target, attempt timeout.
/// </summary>
/// <remarks>
/// The order is the one Microsoft.Extensions.Http.Resilience's standard pipeline uses, so HTTP and non-HTTP targets
/// behave alike. An open circuit is not retried here: the writer waits it out without spending attempts.
/// </remarks>
internal static class WriteResilience
{
    public static ResiliencePipeline<WriteAttempt> Create(SyncPipelineOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<WriteAttempt> { TimeProvider = time };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxWriteAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<WriteAttempt>
            {
                MaxRetryAttempts = options.MaxWriteAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is TimeoutRejectedException || args.Outcome.Result.HasRetryable),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result.RetryAfter is { } asked && asked > TimeSpan.Zero
                        ? (TimeSpan?)(asked < options.MaxRetryDelay ? asked : options.MaxRetryDelay)
                        : null),
            });
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<WriteAttempt>
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is TimeoutRejectedException || args.Outcome.Result.AllFailed),
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
