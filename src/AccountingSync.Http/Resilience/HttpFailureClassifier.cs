using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AccountingSync.Connectors;

namespace AccountingSync.Http.Resilience;

/// <summary>
/// Classifies HTTP answers and transport errors the way accounting APIs mean them: what to retry, what to re-read,
/// what to dead-letter at once.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Transient (retried): 408, 429, 500, 502, 503, 504, timeouts, reset or refused connections.</item>
/// <item>Conflict (re-read once, then retried): 409 and 412, the stale-version answers of optimistic locking.</item>
/// <item>Unauthorized: 401; the caller refreshes the token once before it counts.</item>
/// <item>Permanent (dead-lettered at once): every other 4xx, such as 400 validation, 403 and 404.</item>
/// </list>
/// <para><c>Retry-After</c> is read as seconds or as an HTTP date; Xero's <c>X-Rate-Limit-Problem</c> is reported.</para>
/// </remarks>
public static class HttpFailureClassifier
{
    /// <summary>The header Xero uses to say which limit was hit (<c>minute</c>, <c>day</c> or <c>appminute</c>).</summary>
    public const string XeroRateLimitProblemHeader = "X-Rate-Limit-Problem";

    /// <summary>Classifies a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="timeProvider">The clock an HTTP-date Retry-After is measured against; the system clock when null.</param>
    /// <returns>The classification.</returns>
    public static HttpFailure Classify(HttpResponseMessage response, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var error = status switch
        {
            >= 200 and < 300 => ErrorClass.None,
            408 or 429 or 500 or 502 or 503 or 504 => ErrorClass.Transient,
            409 or 412 => ErrorClass.Conflict,
            401 => ErrorClass.Unauthorized,
            >= 400 and < 500 => ErrorClass.Permanent,
            >= 500 => ErrorClass.Transient,
            _ => ErrorClass.Permanent,
        };
        var retryAfter = error == ErrorClass.None ? null : RetryAfter(response.Headers, timeProvider ?? TimeProvider.System);
        var reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}");
        if (response.Headers.TryGetValues(XeroRateLimitProblemHeader, out var problems))
        {
            reason += $" (rate limit: {string.Join(",", problems)})";
        }

        return new HttpFailure(error, retryAfter, reason);
    }

    /// <summary>Classifies an exception thrown while sending a request.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation it asked for is not a failure of the provider.</param>
    /// <returns>The classification.</returns>
    public static HttpFailure Classify(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                new HttpFailure(ErrorClass.Transient, null, "The request timed out."),
            HttpRequestException { InnerException: SocketException or IOException } or SocketException or IOException =>
                new HttpFailure(ErrorClass.Transient, null, "The connection failed: " + exception.GetType().Name),
            HttpRequestException { StatusCode: { } code } =>
                Classify(new HttpResponseMessage(code)),
            HttpRequestException => new HttpFailure(ErrorClass.Transient, null, "The request failed: " + exception.Message),
            _ => new HttpFailure(ErrorClass.Permanent, null, exception.GetType().Name + ": " + exception.Message),
        };
    }

    /// <summary>Reads <c>Retry-After</c> as delta seconds or an HTTP date.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="timeProvider">The clock an HTTP date is measured against.</param>
    /// <returns>The wait, never negative, or null when the header is absent or unreadable.</returns>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Tells whether a status is worth retrying (the <see cref="ErrorClass.Transient"/> set).</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for a transient status.</returns>
    public static bool IsTransient(HttpStatusCode status) =>
        Classify(new HttpResponseMessage(status)).Error == ErrorClass.Transient;
}
