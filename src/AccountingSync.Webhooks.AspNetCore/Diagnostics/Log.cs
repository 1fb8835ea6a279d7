using Microsoft.Extensions.Logging;

namespace AccountingSync.Webhooks.Diagnostics;

/// <summary>
/// The webhook package's log events, source-generated, ids 5000–5099. Never logs secrets, signatures or bodies:
/// only endpoint names, event ids, counts and reasons.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Warning, "Webhook to {Endpoint} rejected: {Failure} ({Header})", EventName = "WebhookRejected")]
    public static partial void Rejected(ILogger logger, string endpoint, string failure, string? header);

    [LoggerMessage(5001, LogLevel.Debug, "Webhook {EventId} to {Endpoint} stored at {Sequence}", EventName = "WebhookStored")]
    public static partial void Stored(ILogger logger, string endpoint, string eventId, long sequence);

    [LoggerMessage(5002, LogLevel.Debug, "Webhook {EventId} to {Endpoint} was a duplicate", EventName = "WebhookDuplicate")]
    public static partial void Duplicate(ILogger logger, string endpoint, string eventId);

    [LoggerMessage(5003, LogLevel.Error, "The inbox could not store a batch of {Count} webhook deliveries", EventName = "InboxWriteFailed")]
    public static partial void InboxWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(5004, LogLevel.Warning, "Webhook to {Endpoint} rejected with {Status}: {Reason}", EventName = "WebhookRequestRejected")]
    public static partial void RequestRejected(ILogger logger, string endpoint, int status, string reason);

    [LoggerMessage(5010, LogLevel.Warning, "Inbox event {Sequence} ({Endpoint}) failed processing and was released: {Reason}",
        EventName = "InboxEventReleased")]
    public static partial void Released(ILogger logger, long sequence, string endpoint, string reason);

    [LoggerMessage(5011, LogLevel.Error, "Inbox event {Sequence} ({Endpoint}) has an unreadable payload and was dead-lettered: {Reason}",
        EventName = "InboxEventDeadLettered")]
    public static partial void DeadLettered(ILogger logger, long sequence, string endpoint, string reason);

    [LoggerMessage(5012, LogLevel.Error, "The webhook processor failed a cycle", EventName = "ProcessorCycleFailed")]
    public static partial void CycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(5013, LogLevel.Information, "Processed {Count} inbox events of {Endpoint} into target {Target}",
        EventName = "InboxEventsProcessed")]
    public static partial void Processed(ILogger logger, int count, string endpoint, string target);

    [LoggerMessage(5014, LogLevel.Information, "Requeued {Count} inbox events for replay", EventName = "InboxReplayed")]
    public static partial void Replayed(ILogger logger, int count);
}
