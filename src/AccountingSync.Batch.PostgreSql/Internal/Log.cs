using Microsoft.Extensions.Logging;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>The PostgreSQL batch staging's log events. Ids are stable (4200–4299); no data and no credentials are logged.</summary>
internal static partial class Log
{
    [LoggerMessage(4200, LogLevel.Information, "PostgreSQL batch staging {Database} schema {Schema} opened at version {Version}",
        EventName = "PostgreSqlStagingOpened")]
    public static partial void Opened(ILogger logger, string database, string schema, int version);

    [LoggerMessage(4201, LogLevel.Information,
        "PostgreSQL batch staging {Database} schema {Schema} migrated from version {From} to {To}",
        EventName = "PostgreSqlStagingMigrated")]
    public static partial void Migrated(ILogger logger, string database, string schema, int from, int to);

    [LoggerMessage(4202, LogLevel.Error, "PostgreSQL batch staging {Database} schema {Schema} could not be opened",
        EventName = "PostgreSqlStagingOpenFailed")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string database, string schema);
}
