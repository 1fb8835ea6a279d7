namespace AccountingSync.Credentials;

/// <summary>Keeps the OAuth tokens of each connection durably, so rotated refresh tokens survive restarts.</summary>
/// <remarks>
/// <para>Implementations must be safe for concurrent use and should encrypt tokens at rest.</para>
/// <para>
/// A store shared by several processes should also implement the refresh lease
/// (<see cref="TryAcquireRefreshLeaseAsync"/>), so that only one of them spends a rotating refresh token at a time;
/// the default grants every request, which leaves the single flight to each process.
/// </para>
/// </remarks>
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

    /// <summary>
    /// Takes the lease that lets one owner refresh a connection's tokens, or extends it when the owner holds it.
    /// The lease is granted when nobody holds it, the caller holds it, or the holder's lease has expired.
    /// </summary>
    /// <param name="connection">The connection's name.</param>
    /// <param name="owner">Who asks: unique per token provider instance.</param>
    /// <param name="now">The caller's time; a lease that expired by then is free.</param>
    /// <param name="expiresAt">When the lease lapses if it is not released, so a crashed holder cannot block others.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the caller holds the lease.</returns>
    /// <remarks>The default implementation grants every request: it coordinates nothing between processes.</remarks>
    ValueTask<bool> TryAcquireRefreshLeaseAsync(
        string connection, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);

    /// <summary>Gives up a refresh lease the owner holds; does nothing when it holds none.</summary>
    /// <param name="connection">The connection's name.</param>
    /// <param name="owner">The owner that took it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseRefreshLeaseAsync(string connection, string owner, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
