using AccountingSync.Connectors;
using AccountingSync.Model.Documents;

namespace AccountingSync.Routing;

/// <summary>Sends every record to the first lane.</summary>
public sealed class DefaultRouter : IRecordRouter
{
    /// <summary>Gets the shared instance.</summary>
    public static DefaultRouter Instance { get; } = new();

    /// <inheritdoc />
    public int Route(AccountingDocument document, SourceChange change) => 0;
}
