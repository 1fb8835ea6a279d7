using AccountingSync.Credentials;
using AccountingSync.Http.Authentication.Internal;
using Duende.IdentityModel.Client;

namespace AccountingSync.Http.Authentication;

public sealed partial class OAuthTokenProvider
{
    private async Task<OAuthTokens> RequestAsync(OAuthTokens? previous, CancellationToken cancellationToken)
    {
        var address = _options.TokenEndpoint!.ToString();
        TokenResponse response;
        if (_options.Grant == OAuthGrant.ClientCredentials)
        {
            using var request = new ClientCredentialsTokenRequest
            {
                Address = address, ClientId = _options.ClientId, ClientSecret = _options.ClientSecret,
                Scope = _options.Scope,
            };
            response = await _tokenClient.RequestClientCredentialsTokenAsync(request, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            if (previous?.RefreshToken is not { Length: > 0 } refreshToken)
            {
                throw new OAuthTokenException(_options.Connection, "no refresh token is stored; authorise the connection");
            }

            using var request = new RefreshTokenRequest
            {
                Address = address, ClientId = _options.ClientId, ClientSecret = _options.ClientSecret,
                RefreshToken = refreshToken,
            };
            response = await _tokenClient.RequestRefreshTokenAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            // Error codes and descriptions are the provider's words about the request, never the tokens sent.
            var error = response.ErrorType == ResponseErrorType.Exception
                ? "the token endpoint could not be reached: " + response.Exception?.GetType().Name
                : response.Error ?? "the answer held no access token";
            Log.TokenRequestFailed(_logger, _options.Connection, error);
            throw new OAuthTokenException(_options.Connection, error, response.HttpResponse?.StatusCode);
        }

        var now = _time.GetUtcNow();
        var rotated = response.RefreshToken is { Length: > 0 } fresh
            && !string.Equals(fresh, previous?.RefreshToken, StringComparison.Ordinal);
        var tokens = new OAuthTokens(
            response.AccessToken,
            rotated ? response.RefreshToken : previous?.RefreshToken,
            now + TimeSpan.FromSeconds(response.ExpiresIn > 0 ? response.ExpiresIn : 3600),
            RefreshTokenExpiry(response, rotated, previous),
            now);

        // Durable before use: the provider has retired the old refresh token, so the new one must survive a crash.
        await _store.SaveAsync(_options.Connection, tokens, cancellationToken).ConfigureAwait(false);
        if (rotated)
        {
            Log.RefreshTokenRotated(_logger, _options.Connection);
        }

        Log.AccessTokenRenewed(_logger, _options.Connection, _options.Grant, tokens.AccessTokenExpiresAt);
        return tokens;
    }

    private DateTimeOffset? RefreshTokenExpiry(TokenResponse response, bool rotated, OAuthTokens? previous)
    {
        // QuickBooks states the refresh token's life as x_refresh_token_expires_in (seconds).
        if (response.Json is { } json && json.TryGetProperty("x_refresh_token_expires_in", out var seconds)
            && seconds.TryGetInt64(out var value))
        {
            return _time.GetUtcNow() + TimeSpan.FromSeconds(value);
        }

        return rotated ? null : previous?.RefreshTokenExpiresAt;
    }
}
