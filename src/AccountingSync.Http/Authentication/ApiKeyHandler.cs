using System.Text;

namespace AccountingSync.Http.Authentication;

/// <summary>Adds a static API key to every request, in a header or in a query parameter.</summary>
/// <remarks>
/// The key is never logged and never part of an exception message; a key in the query does show in the request
/// address, so prefer the header wherever the provider accepts it. The handler is thread-safe.
/// </remarks>
public sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly string _name;
    private readonly string _key;
    private readonly ApiKeyLocation _location;

    /// <summary>Creates the handler.</summary>
    /// <param name="name">The header or query parameter name.</param>
    /// <param name="key">The key.</param>
    /// <param name="location">Where the key goes.</param>
    /// <exception cref="ArgumentException">The name or key is empty.</exception>
    public ApiKeyHandler(string name, string key, ApiKeyLocation location = ApiKeyLocation.Header)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _name = name;
        _key = key;
        _location = location;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_location == ApiKeyLocation.Header)
        {
            request.Headers.Remove(_name);
            request.Headers.TryAddWithoutValidation(_name, _key);
        }
        else if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            var query = new StringBuilder(uri.Query.Length == 0 ? "?" : uri.Query + "&")
                .Append(Uri.EscapeDataString(_name)).Append('=').Append(Uri.EscapeDataString(_key));
            request.RequestUri = new UriBuilder(uri) { Query = query.ToString(1, query.Length - 1) }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
