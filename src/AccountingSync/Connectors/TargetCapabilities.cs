using AccountingSync.Model;

namespace AccountingSync.Connectors;

/// <summary>What a target connector can do, as data the SDK reads.</summary>
public sealed record TargetCapabilities
{
    /// <summary>Gets the largest number of writes one bulk call takes; 1 means single writes only.</summary>
    /// <value>Defaults to 1.</value>
    public int MaxBulkSize { get; init; } = 1;

    /// <summary>Gets a value indicating whether the target can be read back by source identity (needed by reconciliation).</summary>
    public bool SupportsReadBack { get; init; }

    /// <summary>Gets how the target rounds amounts and tax; documents are validated against it.</summary>
    /// <value>Defaults to <see cref="RoundingPolicy.Default"/>.</value>
    public RoundingPolicy Rounding { get; init; } = RoundingPolicy.Default;
}
