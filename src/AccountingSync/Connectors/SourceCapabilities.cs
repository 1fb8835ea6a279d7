namespace AccountingSync.Connectors;

/// <summary>What a source connector can do, as data the SDK reads.</summary>
/// <param name="Features">The features it supports.</param>
/// <param name="MaxLookback">How far back a change feed can go (30 days for QuickBooks), or null when unbounded.</param>
public sealed record SourceCapabilities(SourceFeatures Features, TimeSpan? MaxLookback = null)
{
    /// <summary>Gets a value indicating whether the source supports every one of the given features.</summary>
    /// <param name="features">The features to test.</param>
    /// <returns><see langword="true"/> when all are supported.</returns>
    public bool Supports(SourceFeatures features) => (Features & features) == features;
}
