using AccountingSync.Connectors;
using AccountingSync.Model.Documents;

namespace AccountingSync.Routing;

/// <summary>
/// Picks the write lane of each record by its type and value, for example invoices over a threshold to a
/// real-time lane and routine sales receipts to a batch lane.
/// </summary>
/// <remarks>Implementations must be thread-safe and fast: the router runs once per record.</remarks>
public interface IRecordRouter
{
    /// <summary>Picks a lane.</summary>
    /// <param name="document">The mapped document.</param>
    /// <param name="change">The source change it came from.</param>
    /// <returns>The index of a lane in <see cref="Pipeline.SyncPipelineOptions.Lanes"/>.</returns>
    int Route(AccountingDocument document, SourceChange change);
}
