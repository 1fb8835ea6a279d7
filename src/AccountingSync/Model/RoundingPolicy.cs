namespace AccountingSync.Model;

/// <summary>
/// How a document's amounts are rounded: the midpoint rule and where tax is rounded.
/// </summary>
/// <remarks>
/// The default, <see cref="Default"/>, rounds midpoints away from zero and tax per line.
/// This type is immutable and thread-safe.
/// </remarks>
/// <param name="Midpoint">The midpoint rule for every rounding.</param>
/// <param name="Tax">Whether tax is rounded per line or once per document.</param>
public sealed record RoundingPolicy(MidpointRounding Midpoint, TaxRounding Tax)
{
    /// <summary>Gets the default policy: away from zero, tax per line.</summary>
    public static RoundingPolicy Default { get; } = new(MidpointRounding.AwayFromZero, TaxRounding.PerLine);
}
