using System.Collections.Concurrent;
using AccountingSync.Credentials;
using AccountingSync.Http.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>
/// One <see cref="OAuthTokenProvider"/> per connection name, shared by every endpoint that polls through that
/// connection, so they renew together instead of each spending (and retiring) the same refresh token.
/// </summary>
internal sealed class OAuthTokenProviders(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OAuthTokenProvider>> _providers = new(StringComparer.Ordinal);

    public OAuthTokenProvider Get(OAuthClientOptions options) =>
        _providers.GetOrAdd(options.Connection, _ => new Lazy<OAuthTokenProvider>(() => new OAuthTokenProvider(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(PollingRegistry.TokenClientName),
            options,
            services.GetService<ITokenStore>(),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<OAuthTokenProvider>>()))).Value;

    public void Dispose()
    {
        foreach (var provider in _providers.Values.Where(p => p.IsValueCreated))
        {
            provider.Value.Dispose();
        }
    }
}
