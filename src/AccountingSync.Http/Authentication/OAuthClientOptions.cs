using AccountingSync.Http.Internal;

namespace AccountingSync.Http.Authentication;

/// <summary>Settings of an OAuth 2.0 connection for <see cref="OAuthTokenProvider"/>.</summary>
/// <remarks>
/// The client secret is a secret: it is sent only to <see cref="TokenEndpoint"/> and never logged or put in an
/// exception. Validate with <see cref="Validate"/> (the provider does so when built).
/// </remarks>
public sealed class OAuthClientOptions
{
    /// <summary>Gets or sets the token endpoint.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the client id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the scopes to ask for (space-separated), for the client credentials grant.</summary>
    public string? Scope { get; set; }

    /// <summary>Gets or sets the grant.</summary>
    /// <value>Defaults to <see cref="OAuthGrant.ClientCredentials"/>.</value>
    public OAuthGrant Grant { get; set; }

    /// <summary>Gets or sets the connection's name in the token store (provider plus tenant, for example).</summary>
    public string Connection { get; set; } = string.Empty;

    /// <summary>Gets or sets how long before its expiry an access token is replaced.</summary>
    /// <value>Defaults to 60 seconds.</value>
    /// <remarks>Between zero and 10 minutes; it absorbs clock skew and the time a request spends in flight.</remarks>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long a refresh lease in the token store lasts: the time one provider may take to refresh
    /// before another, in this process or another sharing the store, may try in its place.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    /// <remarks>
    /// Between 5 seconds and 5 minutes; longer than a token request takes. A provider that finds the lease held
    /// waits for the holder's new tokens in the store, for up to twice this time.
    /// </remarks>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the settings with <see cref="OAuthClientOptionsValidator"/>.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate() =>
        OptionsChecks.ThrowIfFailed(new OAuthClientOptionsValidator().Validate(null, this));
}
