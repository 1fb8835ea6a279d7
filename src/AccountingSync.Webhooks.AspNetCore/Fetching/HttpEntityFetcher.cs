using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Webhooks.Processing;

namespace AccountingSync.Webhooks.Fetching;

/// <summary>
/// Fetches the entity a thin notification names with one <c>GET</c> through a named
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, so the host's handlers on that client
/// (OAuth or API key, <c>Microsoft.Extensions.Http.Resilience</c>, request budgets) apply to every fetch.
/// </summary>
/// <remarks>
/// <para>
/// Derived types say which address to ask and where the entity sits in the answer:
/// <see cref="QuickBooksEntityFetcher"/> and <see cref="XeroEntityFetcher"/> follow those providers' REST
/// contracts. The answers are read the same way for every provider:
/// </para>
/// <list type="bullet">
/// <item>2xx: the entity, as a <see cref="JsonElement"/> object — the same payload the HTTP polling source hands
/// to mappers, so one mapper serves both lanes.</item>
/// <item>404 or 410, or an answer <see cref="IsGone"/> recognises: null, the entity no longer exists.</item>
/// <item>408, 429 and 5xx, or no answer at all (refused, reset, timed out): a transient
/// <see cref="WebhookEntityFetchException"/> carrying any <c>Retry-After</c>; the processor releases the event
/// and fetches again on a later cycle.</item>
/// <item>Any other status, or a body without the entity: a <see cref="WebhookEntityFetchException"/> naming the
/// address and what was wrong.</item>
/// </list>
/// <para>
/// A <see cref="ChangeOperation.Delete"/> notification is not fetched (the entity is gone). The client's
/// <see cref="HttpClient.BaseAddress"/> must be set (<c>AddHttpClient(name, c =&gt; c.BaseAddress = ...)</c>).
/// This type is thread-safe.
/// </para>
/// </remarks>
public abstract partial class HttpEntityFetcher : IWebhookEntityFetcher
{
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="clients">The factory the named client comes from.</param>
    /// <param name="clientName">The name the client was registered under with <c>AddHttpClient</c>.</param>
    /// <param name="timeProvider">
    /// The clock an HTTP-date <c>Retry-After</c> is measured against; the system clock when null.
    /// </param>
    /// <exception cref="ArgumentException">The client name is empty.</exception>
    protected HttpEntityFetcher(IHttpClientFactory clients, string clientName, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        _clients = clients;
        ClientName = clientName;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the name of the <see cref="HttpClient"/> the fetches go through.</summary>
    public string ClientName { get; }

    /// <summary>Gets the provider's name, for messages.</summary>
    protected abstract string Provider { get; }

    /// <inheritdoc />
    /// <exception cref="WebhookEntityFetchException">
    /// The provider refused the request or answered with a malformed body.
    /// </exception>
    public async ValueTask<object?> FetchAsync(SourceChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Payload is not WebhookNotification notification || change.Operation == ChangeOperation.Delete)
        {
            return null;
        }

        var client = _clients.CreateClient(ClientName);
        var what = $"{Provider} {notification.EntityType} {notification.EntityId}";
        if (client.BaseAddress is null)
        {
            throw new WebhookEntityFetchException(
                $"Fetching {what}: the HttpClient '{ClientName}' has no BaseAddress; set it where the client is added.",
                null, null, isTransient: false);
        }

        using var request = CreateRequest(notification);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(client, request, what, cancellationToken).ConfigureAwait(false);
        var uri = response.RequestMessage?.RequestUri ?? request.RequestUri;
        var status = (int)response.StatusCode;
        if (status is 404 or 410)
        {
            return null;
        }

        var root = await ReadJsonAsync(response, what, uri, cancellationToken).ConfigureAwait(false);
        if (IsGone(status, root))
        {
            return null;
        }

        if (response.IsSuccessStatusCode && root is { } body)
        {
            return ReadEntity(body, notification, uri);
        }

        var transient = status is 408 or 429 || status >= 500;
        throw new WebhookEntityFetchException(
            string.Create(CultureInfo.InvariantCulture,
                $"Fetching {what} from GET {uri} failed: HTTP {status} {response.ReasonPhrase}{Describe(root)}."),
            uri, status, transient, transient ? RetryAfter(response) : null);
    }

    /// <summary>Builds the request for a notification's entity, with an address relative to the client's base.</summary>
    /// <param name="notification">The notification.</param>
    /// <returns>The <c>GET</c> request; <c>Accept: application/json</c> is added by the caller.</returns>
    protected abstract HttpRequestMessage CreateRequest(WebhookNotification notification);

    /// <summary>Finds the entity in a successful answer.</summary>
    /// <param name="root">The answer's JSON root.</param>
    /// <param name="notification">The notification.</param>
    /// <param name="requestUri">The address asked, for messages.</param>
    /// <returns>The entity, detached from the answer's document; null when the answer says it no longer exists.</returns>
    /// <exception cref="WebhookEntityFetchException">The answer is not the documented shape.</exception>
    protected abstract JsonElement? ReadEntity(JsonElement root, WebhookNotification notification, Uri? requestUri);

    /// <summary>Tells whether an answer says the entity no longer exists, beyond 404 and 410.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="root">The answer's JSON root, when it had one.</param>
    /// <returns><see langword="true"/> when the entity is gone.</returns>
    protected virtual bool IsGone(int status, JsonElement? root) => false;

    /// <summary>Describes an error answer's body for a message: codes and types only, never free text.</summary>
    /// <param name="root">The answer's JSON root, when it had one.</param>
    /// <returns>Text to append to the message, starting with a separator; empty when there is nothing to add.</returns>
    protected virtual string Describe(JsonElement? root) => string.Empty;

    /// <summary>Builds the exception for an answer that is not the documented shape.</summary>
    /// <param name="notification">The notification whose entity was asked for.</param>
    /// <param name="requestUri">The address asked.</param>
    /// <param name="problem">What was wrong, naming the field; never a value from the body.</param>
    /// <param name="innerException">The parse error, when there was one.</param>
    /// <returns>The exception to throw.</returns>
    protected WebhookEntityFetchException Malformed(
        WebhookNotification notification, Uri? requestUri, string problem, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new WebhookEntityFetchException(
            $"Fetching {Provider} {notification.EntityType} {notification.EntityId} from GET {requestUri}: {problem}",
            requestUri, null, isTransient: false, innerException: innerException);
    }
}
