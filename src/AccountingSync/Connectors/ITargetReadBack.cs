using AccountingSync.Model;

namespace AccountingSync.Connectors;

/// <summary>
/// A target that can say what it holds for a source entity. Reconciliation compares a source against it.
/// </summary>
public interface ITargetReadBack
{
    /// <summary>Reads what the target holds for one source entity.</summary>
    /// <param name="source">The source identity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or null when the target holds nothing for it.</returns>
    ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken);

    /// <summary>Lists everything the target holds from one source system.</summary>
    /// <param name="system">The source system.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The records, in no particular order.</returns>
    IAsyncEnumerable<TargetRecord> ListBySystemAsync(string system, CancellationToken cancellationToken);
}
