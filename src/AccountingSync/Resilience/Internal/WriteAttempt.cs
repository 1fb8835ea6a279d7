namespace AccountingSync.Resilience.Internal;

/// <summary>What one attempt at writing a batch came to, as the retry and circuit-breaker strategies see it.</summary>
/// <param name="HasRetryable">Some writes failed in a way worth another attempt.</param>
/// <param name="AllFailed">Every write of the attempt failed transiently: the target itself is in trouble.</param>
/// <param name="RetryAfter">The longest wait the target asked for, when it asked.</param>
internal readonly record struct WriteAttempt(bool HasRetryable, bool AllFailed, TimeSpan? RetryAfter);
