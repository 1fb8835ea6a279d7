namespace AccountingSync.Http.Authentication;

/// <summary>How a connection gets its access tokens.</summary>
public enum OAuthGrant
{
    /// <summary>The client credentials grant: the app's own id and secret, no user, no refresh token.</summary>
    ClientCredentials = 0,

    /// <summary>
    /// The refresh-token grant: a user authorised the connection once and its refresh token, kept in the token
    /// store, buys each new access token. QuickBooks and Xero rotate the refresh token at every refresh.
    /// </summary>
    RefreshToken = 1,
}
