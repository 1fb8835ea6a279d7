using Microsoft.Extensions.Logging;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>The PostgreSQL stores' log events. Ids are stable (4100–4199); no data and no credentials are logged.</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "PostgreSQL store {Database} schema {Schema} opened at version {Version}",
        EventName = "PostgreSqlOpened")]
    public static partial void Opened(ILogger logger, string database, string schema, int version);

    [LoggerMessage(4101, LogLevel.Information, "PostgreSQL store {Database} schema {Schema} migrated from version {From} to {To}",
        EventName = "PostgreSqlMigrated")]
    public static partial void Migrated(ILogger logger, string database, string schema, int from, int to);

    [LoggerMessage(4102, LogLevel.Error, "PostgreSQL store {Database} schema {Schema} could not be opened",
        EventName = "PostgreSqlOpenFailed")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string database, string schema);
}
