using AccountingSync.Credentials;
using AccountingSync.Storage.PostgreSql.Internal;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>An <see cref="ITokenStore"/> in PostgreSQL; get it from <see cref="PostgreSqlSyncDatabase"/>.</summary>
/// <remarks>
/// A save replaces the connection's whole set in one statement. Tokens are stored as given: restrict access
/// to the schema and encrypt the server's storage. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlTokenStore : ITokenStore
{
    private readonly PgTarget _target;
    private readonly string _getSql;
    private readonly string _saveSql;

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
}
