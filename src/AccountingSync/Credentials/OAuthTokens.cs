namespace AccountingSync.Credentials;

/// <summary>
/// The OAuth 2.0 tokens of one connection. Providers such as QuickBooks and Xero rotate the refresh token on
/// every refresh, so the new set must be stored before the access token is used.
/// </summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="RefreshToken">The refresh token, when the grant issued one.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires, when the provider says.</param>
/// <param name="IssuedAt">When the set was issued.</param>
public sealed record OAuthTokens(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt,
    DateTimeOffset IssuedAt)
{
    /// <summary>Hides the tokens, so a set that reaches a log or an exception message leaks nothing.</summary>
    /// <returns>A description without the tokens.</returns>
    public override string ToString() =>
        $"OAuthTokens {{ expires {AccessTokenExpiresAt:O}, refresh token {(RefreshToken is null ? "absent" : "present")} }}";
}
