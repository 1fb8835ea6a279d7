using System.Diagnostics;
using System.Diagnostics.Metrics;
using AccountingSync.Pipeline;

namespace AccountingSync.Diagnostics;

/// <summary>The pipeline's instruments. Names are dotted and lower-case under <c>accountingsync.</c>.</summary>
internal static class PipelineMetrics
{
    private static readonly string[] OutcomeNames =
        [.. Enum.GetNames<RecordOutcome>().Select(n => n.ToLowerInvariant())];

    public static readonly Counter<long> Records = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.records", "{record}", "Records that left the pipeline, by outcome.");

    public static readonly Histogram<int> BatchSize = SyncTelemetry.Meter.CreateHistogram<int>(
        "accountingsync.write.batch_size", "{record}", "Records per write call to a target.");

    public static readonly Histogram<double> WriteDuration = SyncTelemetry.Meter.CreateHistogram<double>(
        "accountingsync.write.duration", "s", "Time of one write call to a target, retries included.");

    public static readonly Histogram<double> FreshnessLag = SyncTelemetry.Meter.CreateHistogram<double>(
        "accountingsync.freshness.lag", "s", "Time from a change at its source to its commit in the target.");

    public static readonly Counter<long> Checkpoints = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.checkpoints", "{checkpoint}", "Checkpoints saved.");

    public static void RecordOutcomes(string stream, string target, RecordOutcome outcome, long count)
    {
        if (count == 0 || !Records.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryTags.Stream, stream },
            { TelemetryTags.Target, target },
            { TelemetryTags.Outcome, OutcomeNames[(int)outcome] },
        };
        Records.Add(count, tags);
    }
}
