namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// The schema, as numbered migrations. A migration is never edited once released; a change is a new entry.
/// </summary>
/// <remarks>
/// Keys are 16-byte big-endian blobs so that byte order is numeric order; times are UTC ticks, which keep the
/// full precision the audit chain hashes. Every query path has an index.
/// </remarks>
internal static class SqliteSchema
{
    public const string VersionTable = """
        CREATE TABLE IF NOT EXISTS accountingsync_schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            migrated_at INTEGER NOT NULL)
        """;

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE idempotency (
            key BLOB PRIMARY KEY,
            target TEXT NOT NULL,
            system TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            version_kind INTEGER NOT NULL,
            version_ordinal INTEGER NOT NULL,
            version_tag TEXT,
            operation INTEGER NOT NULL,
            target_id TEXT,
            committed_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE idempotency_latest (
            target TEXT NOT NULL,
            system TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            key BLOB NOT NULL,
            version_kind INTEGER NOT NULL,
            version_ordinal INTEGER NOT NULL,
            version_tag TEXT,
            PRIMARY KEY (target, system, entity_type, entity_id)) WITHOUT ROWID;
        CREATE TABLE dedup (
            scope TEXT NOT NULL,
            event_id TEXT NOT NULL,
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (scope, event_id)) WITHOUT ROWID;
        CREATE INDEX dedup_seen_at ON dedup (seen_at);
        CREATE TABLE checkpoints (
            stream TEXT PRIMARY KEY,
            cursor TEXT,
            revision INTEGER NOT NULL,
            updated_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE dead_letters (
            key BLOB PRIMARY KEY,
            stream TEXT NOT NULL,
            target TEXT NOT NULL,
            system TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            version_kind INTEGER NOT NULL,
            version_ordinal INTEGER NOT NULL,
            version_tag TEXT,
            operation INTEGER NOT NULL,
            event_id TEXT,
            payload_type TEXT,
            payload TEXT,
            reason TEXT NOT NULL,
            error_class INTEGER NOT NULL,
            problems TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            first_failed_at INTEGER NOT NULL,
            last_failed_at INTEGER NOT NULL);
        CREATE INDEX dead_letters_order ON dead_letters (first_failed_at, key);
        CREATE INDEX dead_letters_stream ON dead_letters (stream, first_failed_at);
        CREATE INDEX dead_letters_entity ON dead_letters (system, entity_type, entity_id);
        CREATE INDEX dead_letters_type ON dead_letters (entity_type, first_failed_at);
        CREATE TABLE inbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            provider TEXT NOT NULL,
            event_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            headers TEXT NOT NULL,
            body BLOB NOT NULL,
            status INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            owner TEXT,
            lease_until INTEGER NOT NULL,
            UNIQUE (provider, event_id));
        CREATE INDEX inbox_claimable ON inbox (status, sequence) WHERE status <> 2;
        CREATE INDEX inbox_received ON inbox (provider, received_at);
        CREATE TABLE audit (
            sequence INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE TABLE oauth_tokens (
            connection TEXT PRIMARY KEY,
            access_token TEXT NOT NULL,
            refresh_token TEXT,
            access_expires_at INTEGER NOT NULL,
            refresh_expires_at INTEGER,
            issued_at INTEGER NOT NULL) WITHOUT ROWID;
        """,
        """
        CREATE TABLE oauth_refresh_leases (
            connection TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at INTEGER NOT NULL) WITHOUT ROWID;
        """,
        """
        -- A pending event's lease_until is now when it may be claimed again; events released or requeued
        -- before this version kept their last lease there, and are due at once.
        UPDATE inbox SET lease_until = 0 WHERE status = 0;
        """,
        """
        -- The (provider, event_id) uniqueness moves to the inbox id index beside the file (InboxIdIndex): with
        -- random event ids every insert wrote its own page of this table's unique index. SQLite cannot drop a
        -- constraint, so the table is rebuilt; its AUTOINCREMENT high-water mark is carried over, so no sequence
        -- is ever handed out twice.
        CREATE TABLE inbox_v4 (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            provider TEXT NOT NULL,
            event_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            headers TEXT NOT NULL,
            body BLOB NOT NULL,
            status INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            owner TEXT,
            lease_until INTEGER NOT NULL);
        INSERT INTO inbox_v4 (sequence, provider, event_id, received_at, headers, body, status, attempts, last_error,
                              owner, lease_until)
        SELECT sequence, provider, event_id, received_at, headers, body, status, attempts, last_error, owner, lease_until
        FROM inbox ORDER BY sequence;
        DELETE FROM sqlite_sequence WHERE name = 'inbox_v4';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'inbox_v4', seq FROM sqlite_sequence WHERE name = 'inbox';
        DROP TABLE inbox;
        ALTER TABLE inbox_v4 RENAME TO inbox;
        CREATE INDEX inbox_claimable ON inbox (status, sequence) WHERE status <> 2;
        CREATE INDEX inbox_received ON inbox (provider, received_at);
        """,
    ];

    /// <summary>Gets the schema version this package writes and understands.</summary>
    public static int CurrentVersion => Migrations.Count;
}
