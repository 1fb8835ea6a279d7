namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Creates or migrates the schema in one immediate transaction, so two processes cannot both migrate.</summary>
internal static class SqliteMigrator
{
    public static (int From, int To) Migrate(SqliteHandle writer, string path, TimeProvider time)
    {
        using var transaction = writer.Connection.BeginTransaction(deferred: false);
        writer.Execute(SqliteSchema.VersionTable, transaction);
        int found;
        using (var read = writer.Connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version FROM accountingsync_schema WHERE id = 1";
            found = read.ExecuteScalar() is long version ? checked((int)version) : 0;
        }

        if (found > SqliteSchema.CurrentVersion)
        {
            throw new SqliteSchemaVersionException(path, found, SqliteSchema.CurrentVersion);
        }

        for (var version = found + 1; version <= SqliteSchema.CurrentVersion; version++)
        {
            writer.Execute(SqliteSchema.Migrations[version - 1], transaction);
        }

        if (found != SqliteSchema.CurrentVersion)
        {
            using var save = writer.Connection.CreateCommand();
            save.Transaction = transaction;
            save.CommandText = """
                INSERT INTO accountingsync_schema (id, version, migrated_at) VALUES (1, $version, $at)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = excluded.migrated_at
                """;
            save.Parameters.AddWithValue("$version", SqliteSchema.CurrentVersion);
            save.Parameters.AddWithValue("$at", time.GetUtcNow().UtcTicks);
            save.ExecuteNonQuery();
        }

        transaction.Commit();
        return (found, SqliteSchema.CurrentVersion);
    }
}
