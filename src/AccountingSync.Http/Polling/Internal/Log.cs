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
}
