using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Creates or migrates the staging tables in one transaction under an advisory lock.</summary>
internal static class StagingMigrator
{
    public static async Task<(int From, int To)> MigrateAsync(
        NpgsqlDataSource source, StagingTarget target, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);

        // The same lock as the other PostgreSQL stores' migrations: both may create the schema, and two
        // concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalog.
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = "accountingsync.migrate:" + target.Schema });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, target.Sql(StagingSchema.VersionTable), cancellationToken).ConfigureAwait(false);
        int found;
        using (var read = new NpgsqlCommand(
            target.Sql("SELECT version FROM {schema}.batch_schema_version WHERE id = 1"), connection, transaction))
        {
            found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
        }

        if (found > StagingSchema.CurrentVersion)
        {
            throw new PostgreSqlStagingSchemaVersionException(target.Database, target.Schema, found, StagingSchema.CurrentVersion);
        }

        for (var version = found + 1; version <= StagingSchema.CurrentVersion; version++)
        {
            await ExecuteAsync(connection, transaction, target.Sql(StagingSchema.Migrations[version - 1]), cancellationToken)
                .ConfigureAwait(false);
        }

        if (found != StagingSchema.CurrentVersion)
        {
            using var save = new NpgsqlCommand(
                target.Sql("""
                    INSERT INTO {schema}.batch_schema_version (id, version, migrated_at) VALUES (1, $1, $2)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = excluded.migrated_at
                    """), connection, transaction);
            save.Parameters.Add(new NpgsqlParameter { Value = StagingSchema.CurrentVersion });
            save.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcTicks });
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (found, StagingSchema.CurrentVersion);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
