using AccountingSync.Connectors;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Diagnostics;

/// <summary>
/// The pipeline's log events, source-generated. Ids are stable; never log payloads, card data or personal data:
/// only identities, counts and reasons.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Stream {Stream} started for target {Target} from cursor {Cursor}",
        EventName = "StreamStarted")]
    public static partial void StreamStarted(ILogger logger, string stream, string target, string? cursor);

    [LoggerMessage(1001, LogLevel.Information,
        "Stream {Stream} finished: {Read} read, {Written} written, {Duplicates} duplicates, {Stale} stale, " +
        "{Skipped} skipped, {DeadLettered} dead-lettered, cursor {Cursor}",
        EventName = "StreamFinished")]
    public static partial void StreamFinished(
        ILogger logger, string stream, long read, long written, long duplicates, long stale, long skipped, long deadLettered,
        string? cursor);

    [LoggerMessage(1002, LogLevel.Warning, "Stream {Stream} stopped before its end; in-flight records were drained, cursor {Cursor}",
        EventName = "StreamStopped")]
    public static partial void StreamStopped(ILogger logger, string stream, string? cursor);

    [LoggerMessage(1003, LogLevel.Error, "Stream {Stream} failed", EventName = "StreamFailed")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(1010, LogLevel.Warning,
        "Record {Entity} version {Version} dead-lettered ({ErrorClass}): {Reason}", EventName = "RecordDeadLettered")]
    public static partial void RecordDeadLettered(
        ILogger logger, string entity, string version, ErrorClass errorClass, string reason);

    [LoggerMessage(1012, LogLevel.Warning, "Write call to {Target} threw; treated as transient for {Count} record(s)",
        EventName = "WriteThrew")]
    public static partial void WriteThrew(ILogger logger, Exception exception, string target, int count);

    [LoggerMessage(1013, LogLevel.Warning, "The circuit to {Target} is open; writes wait {Wait} before the next probe",
        EventName = "CircuitOpen")]
    public static partial void CircuitOpen(ILogger logger, string target, TimeSpan wait);

    [LoggerMessage(1020, LogLevel.Debug, "Checkpoint of stream {Stream} saved at revision {Revision}",
        EventName = "CheckpointSaved")]
    public static partial void CheckpointSaved(ILogger logger, string stream, long revision);

    [LoggerMessage(1030, LogLevel.Information,
        "Reconciliation of {System} against {Target} found {Discrepancies} discrepancies; repairing {Candidates} through the pipeline",
        EventName = "RepairStarted")]
    public static partial void RepairStarted(ILogger logger, string system, string target, int discrepancies, int candidates);

    [LoggerMessage(1031, LogLevel.Information,
        "Repair of {System} against {Target} finished: {Repaired} repaired, {Unrepaired} still discrepant, passed {Passed}",
        EventName = "RepairFinished")]
    public static partial void RepairFinished(ILogger logger, string system, string target, int repaired, int unrepaired, bool passed);
}
