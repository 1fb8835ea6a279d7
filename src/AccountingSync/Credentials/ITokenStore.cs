namespace AccountingSync.Credentials;

/// <summary>Keeps the OAuth tokens of each connection durably, so rotated refresh tokens survive restarts.</summary>
/// <remarks>Implementations must be safe for concurrent use and should encrypt tokens at rest.</remarks>
public interface ITokenStore
{
    /// <summary>Reads a connection's tokens.</summary>
    /// <param name="connection">The connection's name (provider plus tenant, for example).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tokens, or null when none are stored.</returns>
    ValueTask<OAuthTokens?> GetAsync(string connection, CancellationToken cancellationToken);

    /// <summary>Stores a connection's tokens, replacing the previous set; durable when the task completes.</summary>
    /// <param name="connection">The connection's name.</param>
    /// <param name="tokens">The tokens.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tokens are durable.</returns>
    ValueTask SaveAsync(string connection, OAuthTokens tokens, CancellationToken cancellationToken);
}
