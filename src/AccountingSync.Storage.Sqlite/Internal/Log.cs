using Microsoft.Extensions.Logging;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>The SQLite stores' log events. Ids are stable (4000–4099); paths are logged, data never.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information,
        "SQLite store {Path} opened at schema version {Version} (synchronous={Synchronous})", EventName = "SqliteOpened")]
    public static partial void Opened(ILogger logger, string path, int version, SqliteSynchronousMode synchronous);

    [LoggerMessage(4001, LogLevel.Information, "SQLite store {Path} migrated from schema version {From} to {To}",
        EventName = "SqliteMigrated")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(4002, LogLevel.Error, "SQLite store {Path} could not be opened", EventName = "SqliteOpenFailed")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(4003, LogLevel.Warning, "SQLite inbox id index {Path} is rebuilt from the inbox because {Reason}",
        EventName = "SqliteInboxIndexRebuilt")]
    public static partial void InboxIndexRebuilt(ILogger logger, string path, string reason);

    [LoggerMessage(4004, LogLevel.Error,
        "SQLite inbox id index {Path} could not merge {Count} ids; they stay in memory and the merge is retried",
        EventName = "SqliteInboxIndexMergeFailed")]
    public static partial void InboxIndexMergeFailed(ILogger logger, Exception exception, string path, int count);
}
