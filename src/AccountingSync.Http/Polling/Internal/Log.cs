using Microsoft.Extensions.Logging;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>Source-generated log events of polling.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Warning, "Scheduled poll of {Stream} failed; the next poll retries from its checkpoint",
        EventName = "ScheduledPollFailed")]
    public static partial void ScheduledPollFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(3001, LogLevel.Debug, "Next poll of {Stream} in {Wait}", EventName = "NextPollScheduled")]
    public static partial void NextPollScheduled(ILogger logger, string stream, TimeSpan wait);

    [LoggerMessage(3002, LogLevel.Information,
        "Id listing of {Stream}: {Listed} ids listed, {Known} known, {Missing} missing",
        EventName = "IdListingCompared")]
    public static partial void IdListingCompared(ILogger logger, string stream, int listed, int known, int missing);

    [LoggerMessage(3003, LogLevel.Error,
        "Id listing of {Stream} lacks {Missing} of {Known} known ids, beyond the delete limit; nothing was deleted",
        EventName = "DeleteLimitExceeded")]
    public static partial void DeleteLimitExceeded(ILogger logger, string stream, int missing, int known);
}
