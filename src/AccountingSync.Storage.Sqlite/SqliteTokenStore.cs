using AccountingSync.Credentials;
using AccountingSync.Storage.Sqlite.Internal;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="ITokenStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// A save replaces the connection's whole set in one statement, so a rotated refresh token is never stored
/// beside a stale access token. Tokens are stored as given: protect the file (permissions, disk encryption).
/// This type is thread-safe.
/// </remarks>
public sealed class SqliteTokenStore : ITokenStore
{
    private const string GetSql = """
        SELECT access_token, refresh_token, access_expires_at, refresh_expires_at, issued_at
        FROM oauth_tokens WHERE connection = $connection
        """;

    private const string SaveSql = """
        INSERT INTO oauth_tokens (connection, access_token, refresh_token, access_expires_at, refresh_expires_at, issued_at)
        VALUES ($connection, $access, $refresh, $accessExpires, $refreshExpires, $issued)
        ON CONFLICT (connection) DO UPDATE SET
            access_token = excluded.access_token, refresh_token = excluded.refresh_token,
            access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
            issued_at = excluded.issued_at
        """;

    private readonly SqliteConnectionPool _pool;

    internal SqliteTokenStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public ValueTask<OAuthTokens?> GetAsync(string connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(connection, static (handle, connection) =>
        {
            var command = handle.Command(GetSql, null, "$connection");
            command.Parameters[0].Value = connection;
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new OAuthTokens(reader.GetString(0), ReadString(reader, 1), ReadTime(reader, 2),
                    reader.IsDBNull(3) ? null : ReadTime(reader, 3), ReadTime(reader, 4))
                : null;
        }));
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string connection, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tokens);
        cancellationToken.ThrowIfCancellationRequested();
        await _pool.WriteAsync((connection, tokens), static (handle, state) =>
        {
            var command = handle.Command(SaveSql, null,
                "$connection", "$access", "$refresh", "$accessExpires", "$refreshExpires", "$issued");
            var p = command.Parameters;
            p[0].Value = state.connection;
            p[1].Value = state.tokens.AccessToken;
            p[2].Value = Nullable(state.tokens.RefreshToken);
            p[3].Value = state.tokens.AccessTokenExpiresAt.UtcTicks;
            p[4].Value = Nullable(state.tokens.RefreshTokenExpiresAt?.UtcTicks);
            p[5].Value = state.tokens.IssuedAt.UtcTicks;
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }
}
