using AccountingSync.Model;

namespace AccountingSync.Connectors;

/// <summary>
/// A source that can read one entity's current state on request: what a "sync this invoice now" needs when an
/// operator or a support tool asks for it.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ISourceEntityReader
{
    /// <summary>Gets the reader's name; on-demand runs through it use the stream <c>on-demand.&lt;name&gt;</c>.</summary>
    string Name { get; }

    /// <summary>Reads the entity's current state as a change.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The change (an upsert, or a delete when the source says it is gone), or null when the source does not know it.</returns>
    ValueTask<SourceChange?> ReadAsync(SourceIdentity entity, CancellationToken cancellationToken);
}
