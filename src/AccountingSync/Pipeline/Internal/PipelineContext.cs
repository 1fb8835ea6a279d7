using AccountingSync.Connectors;
using AccountingSync.Resilience;
using AccountingSync.Resilience.Internal;
using Polly;
using AccountingSync.Routing;
using AccountingSync.Validation;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Pipeline.Internal;

/// <summary>Everything the stages of one pipeline share, resolved once.</summary>
internal sealed class PipelineContext(
    ITargetConnector target,
    SyncStores stores,
    IDocumentValidator validator,
    IRecordRouter router,
    SyncPipelineOptions options,
    TimeProvider time,
    ILogger logger,
    TargetRateLimiter? rateLimiter)
{
    public ITargetConnector Target { get; } = target;

    public string TargetName { get; } = target.Name;

    public int MaxBulkSize { get; } = Math.Max(1, target.Capabilities.MaxBulkSize);

    public SyncStores Stores { get; } = stores;

    public IDocumentValidator Validator { get; } = validator;

    public IRecordRouter Router { get; } = router;

    public SyncPipelineOptions Options { get; } = options;

    public LaneOptions[] Lanes { get; } = [.. options.Lanes];

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public TargetRateLimiter? RateLimiter { get; } = rateLimiter;

    /// <summary>Gets the limiter each lane spends permits from: its own share chained under the target's, or the target's.</summary>
    public TargetRateLimiter?[] LaneLimiters { get; } = [.. options.Lanes.Select(lane => LaneLimiter(lane, rateLimiter, time))];

    private static TargetRateLimiter? LaneLimiter(LaneOptions lane, TargetRateLimiter? target, TimeProvider time)
    {
        if (target?.Options is not { RequestsPerMinute: { } perMinute } budget || lane.RequestShare is not { } share)
        {
            return target;
        }

        return new TargetRateLimiter(new TargetRateLimitOptions
        {
            Partition = $"{budget.Partition}/{lane.Name}",
            RequestsPerMinute = Math.Max(1, (int)(perMinute * share)),
            MinuteWindow = budget.MinuteWindow,
            QueueLimit = budget.QueueLimit,
        }, time, parent: target);
    }

    public ResiliencePipeline<WriteAttempt> WriteResilience { get; } = Resilience.Internal.WriteResilience.Create(options, time);
}
