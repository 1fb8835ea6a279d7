using AccountingSync.Security;

namespace AccountingSync.Credentials;

/// <summary>
/// Wraps any <see cref="ITokenStore"/> so that access and refresh tokens are encrypted before they reach it and
/// decrypted when they come back; expiry times stay readable for operations.
/// </summary>
/// <remarks>
/// Register it with <c>AccountingSyncBuilder.ProtectTokens</c> after the storage package. A token protected under a
/// retired key fails with <see cref="FieldProtectionException"/> naming the key. This type is thread-safe when the
/// inner store is.
/// </remarks>
public sealed class ProtectedTokenStore(ITokenStore inner, IFieldProtector protector) : ITokenStore
{
    /// <summary>The purpose access tokens are protected for.</summary>
    public const string AccessTokenPurpose = "oauth.access_token";

    /// <summary>The purpose refresh tokens are protected for.</summary>
    public const string RefreshTokenPurpose = "oauth.refresh_token";

    /// <inheritdoc />
    public async ValueTask<OAuthTokens?> GetAsync(string connection, CancellationToken cancellationToken)
    {
        var stored = await inner.GetAsync(connection, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : stored with
        {
            AccessToken = protector.Unprotect(stored.AccessToken, AccessTokenPurpose),
            RefreshToken = stored.RefreshToken is null ? null : protector.Unprotect(stored.RefreshToken, RefreshTokenPurpose),
        };
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string connection, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return inner.SaveAsync(connection, tokens with
        {
            AccessToken = protector.Protect(tokens.AccessToken, AccessTokenPurpose),
            RefreshToken = tokens.RefreshToken is null ? null : protector.Protect(tokens.RefreshToken, RefreshTokenPurpose),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireRefreshLeaseAsync(
        string connection, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.TryAcquireRefreshLeaseAsync(connection, owner, now, expiresAt, cancellationToken);

    /// <inheritdoc />
    public ValueTask ReleaseRefreshLeaseAsync(string connection, string owner, CancellationToken cancellationToken) =>
        inner.ReleaseRefreshLeaseAsync(connection, owner, cancellationToken);
}
