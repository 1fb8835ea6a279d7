using AccountingSync.Credentials;
using AccountingSync.Http.Authentication.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Http.Authentication;

/// <summary>
/// Keeps one connection's access token: cached, renewed before it expires, renewed once for every caller at a
/// time (single flight), and, for the refresh-token grant, with each rotated refresh token made durable in the
/// <see cref="ITokenStore"/> before the new access token is handed out.
/// </summary>
/// <remarks>
/// <para>
/// Saving first means a crash between the refresh and the save cannot strand the connection on a refresh token
/// the provider has already retired. Token requests go through Duende.IdentityModel, with the client id and
/// secret in a Basic authorization header as QuickBooks and Xero expect.
/// </para>
/// <para>
/// The type is thread-safe; share one instance per connection (several clients of one connection must share it,
/// or they would each spend, and retire, the same refresh token). Between processes sharing a token store, a
/// refresh lease in the store (<see cref="ITokenStore.TryAcquireRefreshLeaseAsync"/>) lets one refresh while the
/// others wait for its tokens. Use <see cref="OAuthTokenHandler"/> to put it
/// on an <see cref="HttpClient"/>.
/// </para>
/// </remarks>
public sealed partial class OAuthTokenProvider : IDisposable
{
    private readonly HttpClient _tokenClient;
    private readonly OAuthClientOptions _options;
    private readonly ITokenStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private readonly string _leaseOwner = Guid.NewGuid().ToString("N");
    private OAuthTokens? _current;

    /// <summary>Creates a provider.</summary>
    /// <param name="tokenClient">The client that calls the token endpoint (not the API client it authenticates).</param>
    /// <param name="options">The connection's settings; validated here.</param>
    /// <param name="store">The durable token store; required for the refresh-token grant.</param>
    /// <param name="timeProvider">The clock that decides expiry; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad setting.</exception>
    public OAuthTokenProvider(
        HttpClient tokenClient, OAuthClientOptions options, ITokenStore? store = null,
        TimeProvider? timeProvider = null, ILogger<OAuthTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Grant == OAuthGrant.RefreshToken && store is null)
        {
            throw new ArgumentException("The refresh-token grant needs a token store to keep rotated refresh tokens.", nameof(store));
        }

        _tokenClient = tokenClient;
        _options = options;
        _store = store ?? new InMemoryTokenStore();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets a valid access token, renewing it first when it is missing or about to expire.</summary>
    /// <param name="cancellationToken">Cancels the wait and the renewal.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="OAuthTokenException">The token endpoint refused, or no refresh token is stored.</exception>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } cached && IsFresh(cached))
        {
            return cached.AccessToken;
        }

        return await RenewAsync(rejected: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renews the access token after the provider refused it; when another caller renewed it meanwhile, returns
    /// that newer token without a second renewal.
    /// </summary>
    /// <param name="rejectedAccessToken">The token the provider refused.</param>
    /// <param name="cancellationToken">Cancels the wait and the renewal.</param>
    /// <returns>A token other than the rejected one.</returns>
    /// <exception cref="OAuthTokenException">The token endpoint refused, or no refresh token is stored.</exception>
    public ValueTask<string> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejectedAccessToken);
        return RenewAsync(rejectedAccessToken, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _renewal.Dispose();

    // Measured from now rather than from the expiry, so a stored expiry of MinValue ("unknown") cannot overflow.
    private bool IsFresh(OAuthTokens tokens) =>
        tokens.AccessTokenExpiresAt > _time.GetUtcNow() + _options.RefreshBeforeExpiry;

    private async ValueTask<string> RenewAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The store, not this instance's cache, is the truth: another process sharing it may have renewed.
            var stored = await _store.GetAsync(_options.Connection, cancellationToken).ConfigureAwait(false) ?? _current;
            if (Usable(stored, rejected))
            {
                // Another caller renewed it while this one waited: one renewal serves them all.
                Volatile.Write(ref _current, stored);
                return stored!.AccessToken;
            }

            var renewed = _options.Grant == OAuthGrant.RefreshToken
                ? await RefreshUnderLeaseAsync(stored, rejected, cancellationToken).ConfigureAwait(false)
                : await RequestAsync(stored, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, renewed);
            return renewed.AccessToken;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private bool Usable(OAuthTokens? tokens, string? rejected) =>
        tokens is not null && IsFresh(tokens) && !string.Equals(tokens.AccessToken, rejected, StringComparison.Ordinal);
}
