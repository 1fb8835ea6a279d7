using System.Collections.Concurrent;

namespace AccountingSync.Credentials;

/// <summary>An <see cref="ITokenStore"/> in process memory, for tests. Rotated refresh tokens are lost at restart.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, OAuthTokens> _tokens = new(StringComparer.Ordinal);

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
}
