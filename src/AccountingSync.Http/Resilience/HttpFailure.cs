using AccountingSync.Connectors;

namespace AccountingSync.Http.Resilience;

/// <summary>What an HTTP answer means for the record behind it.</summary>
/// <param name="Error">The class of failure; <see cref="ErrorClass.None"/> for a success.</param>
/// <param name="RetryAfter">How long the provider asked callers to wait, when it did.</param>
/// <param name="Reason">A short description safe to log: the status and any rate-limit problem, never the body.</param>
public readonly record struct HttpFailure(ErrorClass Error, TimeSpan? RetryAfter, string Reason);
