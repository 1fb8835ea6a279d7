namespace AccountingSync.Webhooks.Fetching;

/// <summary>
/// The entity a thin notification names could not be fetched: the provider refused the request, or answered
/// with a body that is not the shape its API documents.
/// </summary>
/// <remarks>
/// <para>
/// The message names the provider, the entity, the request address and what was wrong, never the body or a
/// credential. <see cref="Processing.WebhookInboxProcessor"/> releases the event, so it is fetched again on a later
/// cycle; <see cref="IsTransient"/> tells a rate limit or outage (which clears by itself) from a refusal or a
/// malformed answer (which needs someone to look).
/// </para>
/// </remarks>
public sealed class WebhookEntityFetchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookEntityFetchException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public WebhookEntityFetchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public WebhookEntityFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the entity and the address; never the body.</param>
    /// <param name="requestUri">The address that was asked.</param>
    /// <param name="statusCode">The HTTP status of the answer; null when the answer's body was the problem.</param>
    /// <param name="isTransient">Whether the failure clears by itself (429, 408, 5xx).</param>
    /// <param name="retryAfter">How long the provider asked callers to wait, when it did.</param>
    /// <param name="innerException">The parse error, when there was one.</param>
    public WebhookEntityFetchException(
        string message, Uri? requestUri, int? statusCode, bool isTransient, TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        RequestUri = requestUri;
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the address that was asked.</summary>
    public Uri? RequestUri { get; }

    /// <summary>Gets the HTTP status of a refused request; null when the body was the problem.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets a value indicating whether the failure clears by itself (rate limit, timeout, outage).</summary>
    public bool IsTransient { get; }

    /// <summary>Gets how long the provider asked callers to wait, when it sent <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }
}
