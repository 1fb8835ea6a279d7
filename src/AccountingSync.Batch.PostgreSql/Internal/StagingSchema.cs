namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>
/// The staging tables, as numbered migrations with <c>{schema}</c> standing for the configured schema. A
/// released migration is never edited; a change is a new entry.
/// </summary>
/// <remarks>
/// The version lives in its own table, <c>batch_schema_version</c>, so the staging tables and the stores of
/// <c>AccountingSync.Storage.PostgreSql</c> can share a schema and still be upgraded package by package.
/// Document keys are compared in the <c>"C"</c> collation: byte order, whatever the database's locale, so
/// pages and the low-water mark follow the same order on every server.
/// </remarks>
internal static class StagingSchema
{
    public const string VersionTable = """
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.batch_schema_version (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL,
            migrated_at bigint NOT NULL);
        """;

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE {schema}.batch_jobs (
            job_id text PRIMARY KEY,
            source text NOT NULL,
            staged_through bigint NOT NULL DEFAULT 0,
            staging_complete boolean NOT NULL DEFAULT false,
            loaded_through text COLLATE "C" NOT NULL DEFAULT '',
            chunks_loaded bigint NOT NULL DEFAULT 0,
            baseline_published boolean NOT NULL DEFAULT false);
        CREATE TABLE {schema}.batch_rows (
            job_id text NOT NULL,
            row_number bigint NOT NULL,
            group_key text COLLATE "C",
            content_hash bytea NOT NULL,
            payload text,
            status smallint NOT NULL,
            PRIMARY KEY (job_id, row_number));
        CREATE INDEX batch_rows_group ON {schema}.batch_rows (job_id, status, group_key, row_number);
        CREATE TABLE {schema}.batch_failures (
            job_id text NOT NULL,
            row_number bigint NOT NULL,
            seq integer NOT NULL,
            column_name text,
            value text,
            rule text NOT NULL,
            message text NOT NULL,
            disposition smallint NOT NULL,
            PRIMARY KEY (job_id, row_number, seq));
        CREATE TABLE {schema}.batch_documents (
            job_id text NOT NULL,
            group_key text COLLATE "C" NOT NULL,
            status smallint NOT NULL,
            target_id text,
            message text,
            row_count integer NOT NULL,
            content_hash bytea,
            PRIMARY KEY (job_id, group_key));
        CREATE INDEX batch_documents_status ON {schema}.batch_documents (job_id, status, group_key);
        CREATE TABLE {schema}.batch_baselines (
            job_name text NOT NULL,
            group_key text COLLATE "C" NOT NULL,
            content_hash bytea NOT NULL,
            job_id text NOT NULL,
            PRIMARY KEY (job_name, group_key));
        """,
    ];

    public static int CurrentVersion => Migrations.Count;
}
