using AccountingSync.Model.Documents;

namespace AccountingSync.Routing;

/// <summary>
/// One routing rule: the documents it matches and the lane they go to. Every criterion given must match; a rule with
/// none matches everything. Bindable from configuration (<c>appsettings.json</c>).
/// </summary>
public sealed class RouteRule
{
    /// <summary>Gets or sets the name of the lane matching documents go to; required.</summary>
    public string Lane { get; set; } = string.Empty;

    /// <summary>Gets or sets the document kind to match.</summary>
    public DocumentKind? Kind { get; set; }

    /// <summary>Gets or sets the smallest total (tax included, in the document's currency) to match.</summary>
    public decimal? MinTotal { get; set; }

    /// <summary>Gets or sets the total (tax included) below which a document matches.</summary>
    public decimal? BelowTotal { get; set; }

    /// <summary>Gets or sets the currency code to match.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the source system to match.</summary>
    public string? SourceSystem { get; set; }
}
