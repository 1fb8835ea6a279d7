using AccountingSync.Model;

namespace AccountingSync.Reconciliation;

/// <summary>How a <see cref="Reconciler"/> compares source and target.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>Gets the largest difference between two totals still counted as equal.</summary>
    /// <value>Defaults to zero: totals must match to the minor unit.</value>
    /// <remarks>Must not be negative. A target that rounds differently from the policy below may need one minor unit.</remarks>
    public decimal Tolerance { get; init; }

    /// <summary>Gets the rounding the target applies, used to compute a sales document's expected total.</summary>
    /// <value>Defaults to <see cref="RoundingPolicy.Default"/>.</value>
    public RoundingPolicy Rounding { get; init; } = RoundingPolicy.Default;

    /// <summary>Gets a value indicating whether a different date is a discrepancy.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CompareDates { get; init; } = true;
}
