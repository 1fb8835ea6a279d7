namespace AccountingSync.Routing;

/// <summary>The rules of a <see cref="RuleRouter"/>, tried in order; the first that matches picks the lane.</summary>
/// <remarks>
/// Bind it from configuration, for example:
/// <code>
/// "Routing": { "Rules": [ { "Lane": "realtime", "Kind": "Invoice", "MinTotal": 5000 },
///                         { "Lane": "routine", "Kind": "SalesReceipt" } ] }
/// </code>
/// A document no rule matches goes to the pipeline's first lane.
/// </remarks>
public sealed class RoutingOptions
{
    /// <summary>Gets the rules, in the order they are tried.</summary>
    public IList<RouteRule> Rules { get; } = [];
}
