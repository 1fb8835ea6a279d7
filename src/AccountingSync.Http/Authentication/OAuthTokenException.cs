using System.Net;

namespace AccountingSync.Http.Authentication;

/// <summary>
/// The token endpoint refused to issue an access token, or no refresh token is stored. The message carries the
/// OAuth error code (such as <c>invalid_grant</c>) and the HTTP status, never a token or a secret.
/// </summary>
/// <remarks>
/// <c>invalid_grant</c> on a refresh means the connection must be authorised again by its user; retrying cannot
/// help. A transport failure or a 5xx from the token endpoint may pass on its own.
/// </remarks>
public sealed class OAuthTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connection">The connection's name.</param>
    /// <param name="error">The OAuth error code or a short description, free of secrets.</param>
    /// <param name="status">The token endpoint's HTTP status, when it answered.</param>
    public OAuthTokenException(string connection, string error, HttpStatusCode? status = null)
        : base($"No access token for connection '{connection}': {error}"
            + (status is { } code ? $" (HTTP {(int)code})" : string.Empty))
    {
        Connection = connection;
        Error = error;
        Status = status;
    }

    /// <summary>Gets the connection's name.</summary>
    public string Connection { get; }

    /// <summary>Gets the OAuth error code or description.</summary>
    public string Error { get; }

    /// <summary>Gets the token endpoint's HTTP status, when it answered.</summary>
    public HttpStatusCode? Status { get; }
}
