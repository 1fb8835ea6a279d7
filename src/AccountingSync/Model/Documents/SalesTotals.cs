namespace AccountingSync.Model.Documents;

/// <summary>The rounded totals of a sales document, computed under a <see cref="RoundingPolicy"/>.</summary>
/// <param name="Subtotal">The sum of the rounded net line amounts.</param>
/// <param name="Tax">The tax, rounded per line or per document.</param>
/// <param name="Total">Subtotal plus tax.</param>
public readonly record struct SalesTotals(Money Subtotal, Money Tax, Money Total);
