namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>
/// The schema, as numbered migrations with <c>{schema}</c> standing for the configured schema. A released
/// migration is never edited; a change is a new entry.
/// </summary>
/// <remarks>
/// Keys are 16-byte big-endian <c>bytea</c> so byte order is numeric order. Times are UTC ticks in
/// <c>bigint</c>: <c>timestamptz</c> keeps microseconds only, and the audit chain hashes the full ticks.
/// </remarks>
internal static class PgSchema
{
    public const string VersionTable = """
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.schema_version (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL,
            migrated_at bigint NOT NULL);
        """;

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE {schema}.idempotency (
            key bytea PRIMARY KEY,
            target text NOT NULL,
            system text NOT NULL,
            entity_type text NOT NULL,
            entity_id text NOT NULL,
            version_kind smallint NOT NULL,
            version_ordinal bigint NOT NULL,
            version_tag text,
            operation smallint NOT NULL,
            target_id text,
            committed_at bigint NOT NULL);
        CREATE TABLE {schema}.idempotency_latest (
            target text NOT NULL,
            system text NOT NULL,
            entity_type text NOT NULL,
            entity_id text NOT NULL,
            key bytea NOT NULL,
            version_kind smallint NOT NULL,
            version_ordinal bigint NOT NULL,
            version_tag text,
            PRIMARY KEY (target, system, entity_type, entity_id));
        CREATE TABLE {schema}.dedup (
            scope text NOT NULL,
            event_id text NOT NULL,
            seen_at bigint NOT NULL,
            PRIMARY KEY (scope, event_id));
        CREATE INDEX dedup_seen_at ON {schema}.dedup (seen_at);
        CREATE TABLE {schema}.checkpoints (
            stream text PRIMARY KEY,
            cursor text,
            revision bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE TABLE {schema}.dead_letters (
            key bytea PRIMARY KEY,
            stream text NOT NULL,
            target text NOT NULL,
            system text NOT NULL,
            entity_type text NOT NULL,
            entity_id text NOT NULL,
            version_kind smallint NOT NULL,
            version_ordinal bigint NOT NULL,
            version_tag text,
            operation smallint NOT NULL,
            event_id text,
            payload_type text,
            payload text,
            reason text NOT NULL,
            error_class integer NOT NULL,
            problems text NOT NULL,
            attempts integer NOT NULL,
            first_failed_at bigint NOT NULL,
            last_failed_at bigint NOT NULL);
        CREATE INDEX dead_letters_order ON {schema}.dead_letters (first_failed_at, key);
        CREATE INDEX dead_letters_stream ON {schema}.dead_letters (stream, first_failed_at);
        CREATE INDEX dead_letters_entity ON {schema}.dead_letters (system, entity_type, entity_id);
        CREATE INDEX dead_letters_type ON {schema}.dead_letters (entity_type, first_failed_at);
        CREATE TABLE {schema}.inbox (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            provider text NOT NULL,
            event_id text NOT NULL,
            received_at bigint NOT NULL,
            headers text NOT NULL,
            body bytea NOT NULL,
            status smallint NOT NULL,
            attempts integer NOT NULL,
            last_error text,
            owner text,
            lease_until bigint NOT NULL,
            UNIQUE (provider, event_id));
        CREATE INDEX inbox_claimable ON {schema}.inbox (sequence) WHERE status <> 2;
        CREATE INDEX inbox_received ON {schema}.inbox (provider, received_at);
        CREATE TABLE {schema}.audit (
            sequence bigint PRIMARY KEY,
            at bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            subject text NOT NULL,
            details text,
            previous_hash text NOT NULL,
            hash text NOT NULL);
        CREATE TABLE {schema}.oauth_tokens (
            connection text PRIMARY KEY,
            access_token text NOT NULL,
            refresh_token text,
            access_expires_at bigint NOT NULL,
            refresh_expires_at bigint,
            issued_at bigint NOT NULL);
        """,
        """
        CREATE TABLE {schema}.oauth_refresh_leases (
            connection text PRIMARY KEY,
            owner text NOT NULL,
            expires_at bigint NOT NULL);
        """,
        """
        CREATE TABLE {schema}.schedule_leases (
            schedule text PRIMARY KEY,
            holder text,
            expires_at bigint NOT NULL DEFAULT 0,
            last_occurrence bigint NOT NULL DEFAULT 0);
        CREATE TABLE {schema}.schedule_runs (
            schedule text NOT NULL,
            occurrence bigint NOT NULL,
            started_at bigint NOT NULL,
            ended_at bigint,
            outcome text NOT NULL,
            message text,
            PRIMARY KEY (schedule, occurrence));
        """,
        """
        -- A pending event's lease_until is now when it may be claimed again; events released or requeued
        -- before this version kept their last lease there, and are due at once.
        UPDATE {schema}.inbox SET lease_until = 0 WHERE status = 0;
        """,
    ];

    public static int CurrentVersion => Migrations.Count;
}
