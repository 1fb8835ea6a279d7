using Microsoft.Extensions.Logging;

namespace AccountingSync.Batch.Internal;

/// <summary>The batch runner's log events; ids 7000-7099.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information,
        "Batch job {JobId} started on {Source}; resuming after row {StagedThrough}, document '{LoadedThrough}'",
        EventName = "BatchJobStarted")]
    public static partial void JobStarted(ILogger logger, string jobId, string source, long stagedThrough, string loadedThrough);

    [LoggerMessage(7001, LogLevel.Information, "Batch job {JobId} staged {Rows} rows", EventName = "BatchJobStaged")]
    public static partial void JobStaged(ILogger logger, string jobId, long rows);

    [LoggerMessage(7002, LogLevel.Information,
        "Batch job {JobId} finished: {Loaded} rows loaded, {Failed} failed, {Skipped} skipped, {Duplicates} duplicates",
        EventName = "BatchJobFinished")]
    public static partial void JobFinished(ILogger logger, string jobId, long loaded, long failed, long skipped, long duplicates);

    [LoggerMessage(7003, LogLevel.Debug, "Batch job {JobId} committed chunk through document '{Through}'",
        EventName = "BatchChunkCommitted")]
    public static partial void ChunkCommitted(ILogger logger, string jobId, string through);

    [LoggerMessage(7010, LogLevel.Information, "Schedule {Schedule} started its run for {Occurrence}", EventName = "BatchRunStarted")]
    public static partial void RunStarted(ILogger logger, string schedule, DateTimeOffset occurrence);

    [LoggerMessage(7011, LogLevel.Warning, "Schedule {Schedule} skipped {Missed} missed occurrence(s) up to {Occurrence}",
        EventName = "BatchRunSkipped")]
    public static partial void RunSkipped(ILogger logger, string schedule, DateTimeOffset occurrence, int missed);

    [LoggerMessage(7012, LogLevel.Error, "Schedule {Schedule} run for {Occurrence} failed", EventName = "BatchRunFailed")]
    public static partial void RunFailed(ILogger logger, string schedule, DateTimeOffset occurrence, Exception exception);
}
