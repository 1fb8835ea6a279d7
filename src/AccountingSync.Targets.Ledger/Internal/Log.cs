using AccountingSync.Targets.Ledger.GnuCash;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// The ledger targets' log events, source-generated, with stable ids from 2100. Only identities, counts, account
/// codes and amounts are logged: never payloads or personal data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Warning, "Target {Target} refused {Entity}: {Reason}", EventName = "DocumentRefused")]
    public static partial void DocumentRefused(ILogger logger, string target, string entity, string reason);

    [LoggerMessage(2101, LogLevel.Debug,
        "Target {Target} holds a newer version of {Entity} than {Version}; nothing changed", EventName = "StaleVersionIgnored")]
    public static partial void StaleVersionIgnored(ILogger logger, string target, string entity, string version);

    [LoggerMessage(2102, LogLevel.Warning, "Target {Target} refused book {Book} ({Problem})", EventName = "BookRefused")]
    public static partial void BookRefused(ILogger logger, string target, string book, GnuCashBookProblem problem);

    [LoggerMessage(2103, LogLevel.Information,
        "Journal {Journal} changed outside the target; indexed {Count} synced transactions", EventName = "JournalIndexed")]
    public static partial void JournalIndexed(ILogger logger, string journal, int count);
}
