using System.Net;
using System.Net.Http.Headers;
using AccountingSync.Http.Authentication.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Http.Authentication;

/// <summary>
/// Puts a bearer access token from an <see cref="OAuthTokenProvider"/> on every request. A 401 renews the token
/// once and retries the request once; a second 401 is returned to the caller, never retried in a loop.
/// </summary>
/// <remarks>
/// Place it inside the resilience handler, so that each retry of the pipeline carries a current token. Requests
/// with content are retried only when the content can be sent again (buffered content; streams are not). The
/// handler is thread-safe.
/// </remarks>
/// <param name="provider">The connection's token provider, shared by every client of the connection.</param>
/// <param name="logger">The logger.</param>
public sealed class OAuthTokenHandler(OAuthTokenProvider provider, ILogger<OAuthTokenHandler>? logger = null)
    : DelegatingHandler
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Gets the connection name used in log events.</summary>
    /// <value>Defaults to <c>oauth</c>.</value>
    public string ConnectionName { get; init; } = "oauth";

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await provider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is StreamContent)
        {
            return response;
        }

        Log.AccessTokenRejected(_logger, ConnectionName);
        response.Dispose();
        token = await provider.RenewAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
