using AccountingSync.Http.Authentication;
using AccountingSync.Http.DependencyInjection.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.DependencyInjection;

/// <summary>
/// Configures one endpoint added by <see cref="PollingBuilder.AddEndpoint"/>: its authentication and the resilience
/// of its HTTP client.
/// </summary>
/// <remarks>
/// The endpoint's client runs Microsoft.Extensions.Http.Resilience's standard pipeline (see
/// <c>AddAccountingSyncResilience</c>) with the authentication handler inside it, so every retry carries a current
/// token. Call at most one of <see cref="WithOAuth"/> and <see cref="WithApiKey"/>.
/// </remarks>
public sealed class PollingEndpointBuilder
{
    private readonly PollingRegistry _registry;
    private readonly IHttpStandardResiliencePipelineBuilder _resilience;

    internal PollingEndpointBuilder(
        string name, IServiceCollection services, IHttpClientBuilder client, IHttpStandardResiliencePipelineBuilder resilience,
        PollingRegistry registry)
    {
        Name = name;
        Services = services;
        HttpClient = client;
        _resilience = resilience;
        _registry = registry;
    }

    /// <summary>Gets the endpoint's name.</summary>
    public string Name { get; }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the builder of the endpoint's named HTTP client, for handlers of the host's own.</summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>
    /// Authenticates the endpoint with OAuth 2.0. The connection name defaults to the endpoint's name; endpoints that
    /// name the same <see cref="OAuthClientOptions.Connection"/> share one token provider.
    /// </summary>
    /// <param name="configure">Sets the token endpoint, client and grant; validated at start.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Authentication is already configured for the endpoint.</exception>
    /// <remarks>The refresh-token grant needs a durable <see cref="Credentials.ITokenStore"/> in the container.</remarks>
    public PollingEndpointBuilder WithOAuth(Action<OAuthClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureNoAuthentication();
        _registry.AddOAuth(Name);
        var name = Name;
        Services.AddOptions<OAuthClientOptions>(name).Configure(o => o.Connection = name).Configure(configure)
            .ValidateOnStart();
        HttpClient.AddHttpMessageHandler(sp => new OAuthTokenHandler(
            sp.GetRequiredService<OAuthTokenProviders>().Get(sp.GetRequiredService<IOptionsMonitor<OAuthClientOptions>>().Get(name)),
            sp.GetService<ILogger<OAuthTokenHandler>>()) { ConnectionName = name });
        return this;
    }

    /// <summary>Authenticates the endpoint with a static API key in a header or query parameter.</summary>
    /// <param name="configure">Sets the key and where it goes; validated at start.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Authentication is already configured for the endpoint.</exception>
    public PollingEndpointBuilder WithApiKey(Action<ApiKeyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureNoAuthentication();
        _registry.AddApiKey(Name);
        var name = Name;
        Services.AddOptions<ApiKeyOptions>(name).Configure(configure).ValidateOnStart();
        HttpClient.AddHttpMessageHandler(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().Get(name);
            return new ApiKeyHandler(options.Name, options.Key, options.Location);
        });
        return this;
    }

    /// <summary>
    /// Adjusts the endpoint's resilience (attempts, backoff, timeouts, circuit breaker) on top of the SDK's rules,
    /// which decide what is transient and honour <c>Retry-After</c>; other endpoints keep their own settings.
    /// </summary>
    /// <param name="configure">Changes the standard options; validated by Microsoft.Extensions.Http.Resilience.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// A provider with a tight request budget wants fewer attempts and a longer backoff; a slow export endpoint
    /// wants a longer attempt timeout. Replacing <c>ShouldHandle</c> here replaces the SDK's transient rules too.
    /// </remarks>
    public PollingEndpointBuilder WithResilience(Action<HttpStandardResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _resilience.Configure(configure);
        return this;
    }

    private void EnsureNoAuthentication()
    {
        if (_registry.HasOAuth(Name) || _registry.HasApiKey(Name))
        {
            throw new InvalidOperationException($"The polling endpoint '{Name}' already has authentication configured.");
        }
    }
}
