using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AccountingSync.Diagnostics;

namespace WebhookSync;

/// <summary>
/// Counts what left the pipeline, by outcome, from the SDK's own <c>accountingsync.records</c> counter: the same
/// figures a dashboard would show, read here with a <see cref="MeterListener"/>.
/// </summary>
public sealed class RecordTally : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Starts counting.</summary>
    public RecordTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SyncTelemetry.Meter.Name && instrument.Name == "accountingsync.records")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == TelemetryTags.Outcome && tag.Value is string outcome)
                {
                    _counts.AddOrUpdate(outcome, value, (_, n) => n + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Gets the count of one outcome so far: <c>written</c>, <c>duplicate</c>, <c>skipped</c>...</summary>
    /// <param name="outcome">The outcome's lower-case name.</param>
    public long this[string outcome] => _counts.GetValueOrDefault(outcome);

    /// <summary>Gets every outcome's count so far.</summary>
    /// <returns>A copy of the counts.</returns>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
