using System.Net;
using System.Net.Sockets;
using AccountingSync.Connectors;
using AccountingSync.Http.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests;

public sealed class HttpFailureClassifierTests
{
    [Theory]
    [InlineData(200, ErrorClass.None)]
    [InlineData(201, ErrorClass.None)]
    [InlineData(400, ErrorClass.Permanent)]
    [InlineData(401, ErrorClass.Unauthorized)]
    [InlineData(403, ErrorClass.Permanent)]
    [InlineData(404, ErrorClass.Permanent)]
    [InlineData(408, ErrorClass.Transient)]
    [InlineData(409, ErrorClass.Conflict)]
    [InlineData(412, ErrorClass.Conflict)]
    [InlineData(422, ErrorClass.Permanent)]
    [InlineData(429, ErrorClass.Transient)]
    [InlineData(500, ErrorClass.Transient)]
    [InlineData(502, ErrorClass.Transient)]
    [InlineData(503, ErrorClass.Transient)]
    [InlineData(504, ErrorClass.Transient)]
    public void Classify_Status_GivesTheDocumentedClass(int status, ErrorClass expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        Assert.Equal(expected, HttpFailureClassifier.Classify(response).Error);
    }

    [Fact]
    public void Classify_RetryAfterInSeconds_IsRead()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "42");
        Assert.Equal(TimeSpan.FromSeconds(42), HttpFailureClassifier.Classify(response).RetryAfter);
    }

    [Fact]
    public void Classify_RetryAfterAsHttpDate_IsMeasuredAgainstTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Thu, 03 Dec 2026 10:01:30 GMT");

        Assert.Equal(TimeSpan.FromSeconds(90), HttpFailureClassifier.Classify(response, time).RetryAfter);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, HttpFailureClassifier.Classify(response, time).RetryAfter);
    }

    [Fact]
    public void Classify_XeroRateLimitProblem_IsNamedInTheReason()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(HttpFailureClassifier.XeroRateLimitProblemHeader, "day");
        response.Headers.TryAddWithoutValidation("Retry-After", "3600");

        var failure = HttpFailureClassifier.Classify(response);
        Assert.Contains("rate limit: day", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
    }

    [Fact]
    public void Classify_Exceptions_SeparateTimeoutsAndResetsFromTheCallersCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(ErrorClass.Transient, HttpFailureClassifier.Classify(new TaskCanceledException(), CancellationToken.None).Error);
        Assert.Equal(ErrorClass.Permanent, HttpFailureClassifier.Classify(new TaskCanceledException(), cancelled.Token).Error);
        Assert.Equal(ErrorClass.Transient, HttpFailureClassifier.Classify(
            new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset)), CancellationToken.None).Error);
        Assert.Equal(ErrorClass.Permanent, HttpFailureClassifier.Classify(
            new HttpRequestException("bad", null, HttpStatusCode.BadRequest), CancellationToken.None).Error);
    }
}
