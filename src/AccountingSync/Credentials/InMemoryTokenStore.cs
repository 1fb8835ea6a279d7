using System.Collections.Concurrent;

namespace AccountingSync.Credentials;

/// <summary>An <see cref="ITokenStore"/> in process memory, for tests. Rotated refresh tokens are lost at restart.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, OAuthTokens> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<OAuthTokens?> GetAsync(string connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.GetValueOrDefault(connection));

    /// <inheritdoc />
    public ValueTask SaveAsync(string connection, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens[connection] = tokens;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireRefreshLeaseAsync(
        string connection, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(connection, out var held) && held.Owner != owner && held.ExpiresAt > now)
            {
                return ValueTask.FromResult(false);
            }

            _leases[connection] = (owner, expiresAt);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseRefreshLeaseAsync(string connection, string owner, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(connection, out var held) && held.Owner == owner)
            {
                _leases.Remove(connection);
            }
        }

        return ValueTask.CompletedTask;
    }
}
