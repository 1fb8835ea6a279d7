using System.Diagnostics.Metrics;
using AccountingSync.Diagnostics;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>Instruments of polling sources on the SDK's meter; tagged by stream, never by record content.</summary>
internal static class PollingMetrics
{
    public static readonly Counter<long> Pages = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.polling.pages", "{page}", "Pages fetched by polling sources.");

    public static readonly Counter<long> Records = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.polling.records", "{record}", "Records read by polling sources.");

    public static readonly Counter<long> Failures = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.polling.failures", "{page}", "Pages refused or malformed.");

    public static readonly Counter<long> ListingDeletes = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.polling.listing_deletes", "{record}", "Deletes found by comparing a full id listing.");
}
