using AccountingSync.Http.Resilience;

namespace AccountingSync.Http.Polling;

/// <summary>
/// A page of a polled listing could not be used: the provider refused the request, or the body was not the
/// JSON the endpoint describes. The message names the endpoint, the page and the address, never the body.
/// </summary>
/// <remarks>
/// The run stops at the page; the checkpoint stays on the last committed record, so the next run asks for the
/// same page again. A single bad record inside a well-formed page is not this error: it reaches the mapper and
/// is dead-lettered there while the rest of the page goes on.
/// </remarks>
public sealed class PollingPageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The endpoint's entity type.</param>
    /// <param name="requestUri">The page's address.</param>
    /// <param name="page">The page's position (page number, offset or token description).</param>
    /// <param name="reason">What was wrong, safe to log.</param>
    /// <param name="failure">The HTTP classification when the provider refused the request.</param>
    /// <param name="innerException">The parse error, when there was one.</param>
    public PollingPageException(
        string endpoint, Uri? requestUri, string page, string reason, HttpFailure? failure = null,
        Exception? innerException = null)
        : base($"Polling {endpoint}: {page} at {requestUri} is unusable: {reason}", innerException)
    {
        Endpoint = endpoint;
        RequestUri = requestUri;
        Page = page;
        Failure = failure;
    }

    /// <summary>Gets the endpoint's entity type.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the page's address.</summary>
    public Uri? RequestUri { get; }

    /// <summary>Gets the page's position.</summary>
    public string Page { get; }

    /// <summary>Gets the HTTP classification when the provider refused the request; null for a malformed body.</summary>
    public HttpFailure? Failure { get; }
}
