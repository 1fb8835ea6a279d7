using AccountingSync.Credentials;
using AccountingSync.Storage.PostgreSql.Internal;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="ITokenStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// A save replaces the connection's whole set in one statement. The refresh lease is one row per connection,
/// taken by a single conditional upsert, so processes sharing the database never spend one rotating refresh
/// token twice. Tokens are stored as given: restrict access
/// to the schema and encrypt the server's storage. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlTokenStore : ITokenStore
{
    private readonly PgTarget _target;
    private readonly string _getSql;
    private readonly string _saveSql;
    private readonly string _acquireSql;
    private readonly string _releaseSql;

    internal PostgreSqlTokenStore(PgTarget target)
    {
        _target = target;
        _getSql = target.Sql("""
            SELECT access_token, refresh_token, access_expires_at, refresh_expires_at, issued_at
            FROM {schema}.oauth_tokens WHERE connection = $1
            """);
        _saveSql = target.Sql("""
            INSERT INTO {schema}.oauth_tokens (connection, access_token, refresh_token, access_expires_at,
                refresh_expires_at, issued_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (connection) DO UPDATE SET
                access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
                issued_at = excluded.issued_at
            """);
        // The upsert takes a free or lapsed lease, or extends the caller's own; otherwise it changes no row.
        _acquireSql = target.Sql("""
            INSERT INTO {schema}.oauth_refresh_leases AS lease (connection, owner, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (connection) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE lease.owner = excluded.owner OR lease.expires_at <= $4
            """);
        _releaseSql = target.Sql("DELETE FROM {schema}.oauth_refresh_leases WHERE connection = $1 AND owner = $2");
    }

    /// <inheritdoc />
    public async ValueTask<OAuthTokens?> GetAsync(string connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = _target.Source.CreateCommand(_getSql);
        command.Parameters.Bind(connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new OAuthTokens(reader.GetString(0), ReadString(reader, 1), ReadTime(reader, 2),
                reader.IsDBNull(3) ? null : ReadTime(reader, 3), ReadTime(reader, 4))
            : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string connection, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tokens);
        using var command = _target.Source.CreateCommand(_saveSql);
        command.Parameters.Bind(connection);
        command.Parameters.Bind(tokens.AccessToken);
        command.Parameters.BindNullable(tokens.RefreshToken, NpgsqlDbType.Text);
        command.Parameters.Bind(tokens.AccessTokenExpiresAt.UtcTicks);
        command.Parameters.BindNullable(tokens.RefreshTokenExpiresAt?.UtcTicks, NpgsqlDbType.Bigint);
        command.Parameters.Bind(tokens.IssuedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAcquireRefreshLeaseAsync(
        string connection, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(owner);
        using var command = _target.Source.CreateCommand(_acquireSql);
        command.Parameters.Bind(connection);
        command.Parameters.Bind(owner);
        command.Parameters.Bind(expiresAt.UtcTicks);
        command.Parameters.Bind(now.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseRefreshLeaseAsync(string connection, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(owner);
        using var command = _target.Source.CreateCommand(_releaseSql);
        command.Parameters.Bind(connection);
        command.Parameters.Bind(owner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
