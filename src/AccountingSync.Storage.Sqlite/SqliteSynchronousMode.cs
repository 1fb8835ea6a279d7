namespace AccountingSync.Storage.Sqlite;

/// <summary>How hard SQLite works to make a commit survive a power cut (<c>PRAGMA synchronous</c>).</summary>
/// <remarks>
/// In WAL mode both settings keep the database consistent after an application or operating-system crash.
/// They differ only on power loss: with <see cref="Normal"/> the last transactions before the cut may roll back,
/// with <see cref="Full"/> they do not, at the cost of an fsync on every commit.
/// </remarks>
public enum SqliteSynchronousMode
{
    /// <summary>Sync the write-ahead log at checkpoints only. The default: safe against process crashes, and fast.</summary>
    Normal = 0,

    /// <summary>Sync the write-ahead log at every commit: durable across power loss, slower.</summary>
    Full = 1,

    /// <summary>
    /// Durable across power loss like <see cref="Full"/>: every write returns only once its commit is synced. But
    /// commits are written without a sync and one thread syncs the log for all those made before it began, so
    /// writes arriving while a sync runs (a burst of webhooks, several stores at once) commit meanwhile and share
    /// the next sync instead of each waiting for its own.
    /// </summary>
    Grouped = 2,
}
