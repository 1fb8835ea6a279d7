using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>
/// Creates or migrates the schema in one transaction under an advisory lock, so instances starting together
/// migrate once and the others wait and find it done.
/// </summary>
internal static class PgMigrator
{
    public static async Task<(int From, int To)> MigrateAsync(
        NpgsqlDataSource source, PgTarget target, TimeProvider time, CancellationToken cancellationToken)
    {
        var schema = target.Schema;
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = "accountingsync.migrate:" + schema });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var versionTable = PgSchema.VersionTable.Replace("{schema}", schema, StringComparison.Ordinal);
        await ExecuteAsync(connection, transaction, versionTable, cancellationToken).ConfigureAwait(false);
        int found;
        using (var read = new NpgsqlCommand($"SELECT version FROM {schema}.schema_version WHERE id = 1", connection, transaction))
        {
            found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
        }

        if (found > PgSchema.CurrentVersion)
        {
            throw new PostgreSqlSchemaVersionException(target.Database, schema, found, PgSchema.CurrentVersion);
        }

        for (var version = found + 1; version <= PgSchema.CurrentVersion; version++)
        {
            var sql = PgSchema.Migrations[version - 1].Replace("{schema}", schema, StringComparison.Ordinal);
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
        }

        if (found != PgSchema.CurrentVersion)
        {
            using var save = new NpgsqlCommand(
                $"""
                INSERT INTO {schema}.schema_version (id, version, migrated_at) VALUES (1, $1, $2)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = excluded.migrated_at
                """, connection, transaction);
            save.Parameters.Add(new NpgsqlParameter { Value = PgSchema.CurrentVersion });
            save.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcTicks });
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (found, PgSchema.CurrentVersion);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
