using AccountingSync.Connectors;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;

namespace AccountingSync.Routing;

/// <summary>
/// Routes each record by its document's kind, total, currency and source system, with rules configured in code or in
/// <c>appsettings.json</c>: large invoices to a real-time lane, routine sales receipts to a batch lane.
/// </summary>
/// <remarks>
/// Rules are checked against the pipeline's lanes when the router is built, so a rule naming a missing lane fails at
/// start, not on the first matching record. Totals are computed with <see cref="SalesDocument.ComputeTotals"/>;
/// payments match on their amount. This type is immutable and thread-safe.
/// </remarks>
public sealed class RuleRouter : IRecordRouter
{
    private readonly (RouteRule Rule, int Lane)[] _rules;

    /// <summary>Creates a router.</summary>
    /// <param name="routing">The rules.</param>
    /// <param name="pipeline">The pipeline options whose lanes the rules name.</param>
    /// <exception cref="ArgumentException">A rule names no lane or a lane the pipeline does not have.</exception>
    public RuleRouter(RoutingOptions routing, SyncPipelineOptions pipeline)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(pipeline);
        var lanes = pipeline.Lanes
            .Select((lane, index) => (lane.Name, index))
            .ToDictionary(l => l.Name, l => l.index, StringComparer.Ordinal);
        _rules = [.. routing.Rules.Select((rule, i) => (rule, lanes.TryGetValue(rule.Lane ?? string.Empty, out var lane)
            ? lane
            : throw new ArgumentException(
                $"Routing.Rules[{i}].Lane: '{rule.Lane}' is not a lane of the pipeline ({string.Join(", ", lanes.Keys)}).",
                nameof(routing))))];
    }

    /// <inheritdoc />
    public int Route(AccountingDocument document, SourceChange change)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (rule, lane) in _rules)
        {
            if (Matches(rule, document))
            {
                return lane;
            }
        }

        return 0;
    }

    private static bool Matches(RouteRule rule, AccountingDocument document)
    {
        if ((rule.Kind is { } kind && kind != document.Kind)
            || (rule.SourceSystem is { } system && !string.Equals(system, document.Source.System, StringComparison.Ordinal)))
        {
            return false;
        }

        if (rule.MinTotal is null && rule.BelowTotal is null && rule.Currency is null)
        {
            return true;
        }

        var total = document switch
        {
            SalesDocument sales => sales.ComputeTotals().Total,
            Payment payment => payment.Amount,
            _ => (Model.Money?)null,
        };
        return total is { } money
            && (rule.Currency is null || string.Equals(rule.Currency, money.Currency.Code, StringComparison.OrdinalIgnoreCase))
            && (rule.MinTotal is null || money.Amount >= rule.MinTotal)
            && (rule.BelowTotal is null || money.Amount < rule.BelowTotal);
    }
}
