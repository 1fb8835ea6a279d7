using Microsoft.Extensions.Logging;

namespace AccountingSync.Http.Authentication.Internal;

/// <summary>Source-generated log events of HTTP authentication; never a token or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Debug, "Access token for {Connection} renewed by {Grant}; it expires at {ExpiresAt}",
        EventName = "AccessTokenRenewed")]
    public static partial void AccessTokenRenewed(ILogger logger, string connection, OAuthGrant grant, DateTimeOffset expiresAt);

    [LoggerMessage(3101, LogLevel.Information, "The refresh token of {Connection} was rotated and stored",
        EventName = "RefreshTokenRotated")]
    public static partial void RefreshTokenRotated(ILogger logger, string connection);

    [LoggerMessage(3102, LogLevel.Warning, "The token endpoint refused {Connection}: {Error}",
        EventName = "TokenRequestFailed")]
    public static partial void TokenRequestFailed(ILogger logger, string connection, string error);

    [LoggerMessage(3103, LogLevel.Information, "The provider refused the access token of {Connection}; renewing it once",
        EventName = "AccessTokenRejected")]
    public static partial void AccessTokenRejected(ILogger logger, string connection);

    [LoggerMessage(3104, LogLevel.Debug,
        "Another instance is refreshing the tokens of {Connection}; waiting for its tokens in the store",
        EventName = "RefreshLeaseHeld")]
    public static partial void RefreshLeaseHeld(ILogger logger, string connection);
}
