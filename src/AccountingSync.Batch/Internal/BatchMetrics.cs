using System.Diagnostics.Metrics;
using AccountingSync.Diagnostics;

namespace AccountingSync.Batch.Internal;

/// <summary>The batch runner's instruments on the SDK's meter.</summary>
internal static class BatchMetrics
{
    public const string Staged = "staged";
    public const string Loaded = "loaded";

    private static readonly Counter<long> Rows = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.batch.rows", unit: "{row}", description: "Source rows staged and loaded by batch jobs.");

    private static readonly Counter<long> Chunks = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.batch.chunks", unit: "{chunk}", description: "Load chunks committed by batch jobs.");

    public static void RecordRows(string outcome, long count) =>
        Rows.Add(count, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));

    public static void RecordChunk(string target) =>
        Chunks.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Target, target));
}
