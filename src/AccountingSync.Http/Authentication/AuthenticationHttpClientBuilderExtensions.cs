using AccountingSync.Http.Authentication;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an HTTP client for a provider API behind API-key or OAuth 2.0 authentication.</summary>
/// <remarks>
/// Call these after <c>AddAccountingSyncResilience</c>, so that the handler sits inside the resilience pipeline and
/// every retry carries a current token.
/// </remarks>
public static class AuthenticationHttpClientBuilderExtensions
{
    /// <summary>Adds an <see cref="ApiKeyHandler"/>.</summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="name">The header or query parameter name.</param>
    /// <param name="key">The key.</param>
    /// <param name="location">Where the key goes.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddApiKey(
        this IHttpClientBuilder builder, string name, string key, ApiKeyLocation location = ApiKeyLocation.Header)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return builder.AddHttpMessageHandler(() => new ApiKeyHandler(name, key, location));
    }

    /// <summary>
    /// Adds an <see cref="OAuthTokenHandler"/> over the <see cref="OAuthTokenProvider"/> the callback returns; share
    /// one provider per connection (a singleton), since it holds the single-flight renewal and the rotated refresh
    /// token.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="provider">Returns the connection's provider; called once per client handler, so return a shared one.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddOAuthAuthentication(
        this IHttpClientBuilder builder, Func<IServiceProvider, OAuthTokenProvider> provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        return builder.AddHttpMessageHandler(services => new OAuthTokenHandler(
            provider(services), services.GetService<ILogger<OAuthTokenHandler>>()) { ConnectionName = builder.Name });
    }
}
