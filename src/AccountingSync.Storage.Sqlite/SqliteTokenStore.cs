using AccountingSync.Credentials;
using AccountingSync.Storage.Sqlite.Internal;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="ITokenStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// A save replaces the connection's whole set in one statement, so a rotated refresh token is never stored
/// beside a stale access token. Tokens are stored as given: protect the file (permissions, disk encryption).
/// The refresh lease is one row per connection, taken by a single conditional upsert, so processes sharing the
/// file never spend one rotating refresh token twice. This type is thread-safe.
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

    // The upsert takes a free or lapsed lease, or extends the caller's own; otherwise it changes no row.
    private const string AcquireSql = """
        INSERT INTO oauth_refresh_leases (connection, owner, expires_at) VALUES ($connection, $owner, $expires)
        ON CONFLICT (connection) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE oauth_refresh_leases.owner = excluded.owner OR oauth_refresh_leases.expires_at <= $now
        """;

    private const string ReleaseSql = "DELETE FROM oauth_refresh_leases WHERE connection = $connection AND owner = $owner";

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

    /// <inheritdoc />
    public async ValueTask<bool> TryAcquireRefreshLeaseAsync(
        string connection, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        var changed = await _pool.WriteAsync((connection, owner, now, expiresAt), static (handle, state) =>
        {
            var command = handle.Command(AcquireSql, null, "$connection", "$owner", "$expires", "$now");
            var p = command.Parameters;
            p[0].Value = state.connection;
            p[1].Value = state.owner;
            p[2].Value = state.expiresAt.UtcTicks;
            p[3].Value = state.now.UtcTicks;
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseRefreshLeaseAsync(string connection, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(owner);
        await _pool.WriteAsync((connection, owner), static (handle, state) =>
        {
            var command = handle.Command(ReleaseSql, null, "$connection", "$owner");
            command.Parameters[0].Value = state.connection;
            command.Parameters[1].Value = state.owner;
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }
}
