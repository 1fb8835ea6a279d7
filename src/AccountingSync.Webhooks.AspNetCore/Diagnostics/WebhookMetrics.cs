using System.Diagnostics.Metrics;
using AccountingSync.Diagnostics;

namespace AccountingSync.Webhooks.Diagnostics;

/// <summary>The webhook package's instruments, on the SDK's meter.</summary>
internal static class WebhookMetrics
{
    /// <summary>The tag naming the endpoint.</summary>
    public const string EndpointTag = "accountingsync.webhook.endpoint";

    /// <summary>The tag naming what happened to a delivery.</summary>
    public const string ResultTag = "accountingsync.webhook.result";

    public static readonly Counter<long> Deliveries = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.webhooks.deliveries", "{delivery}", "Webhook deliveries received, by endpoint and result.");

    public static readonly Histogram<int> InboxBatchSize = SyncTelemetry.Meter.CreateHistogram<int>(
        "accountingsync.webhooks.inbox.batch_size", "{delivery}", "Deliveries committed to the inbox per call.");

    public static readonly Counter<long> Processed = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.webhooks.processed", "{event}", "Inbox events processed into the pipeline.");

    public static readonly Counter<long> Fetches = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.webhooks.fetches", "{fetch}", "Entity fetches of thin notifications, by endpoint and result.");

    public static void Fetch(string endpoint, string result) =>
        Fetches.Add(1, new KeyValuePair<string, object?>(EndpointTag, endpoint), new KeyValuePair<string, object?>(ResultTag, result));

    public static void Delivery(string endpoint, string result) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>(EndpointTag, endpoint), new KeyValuePair<string, object?>(ResultTag, result));
}
