namespace AccountingSync.Connectors;

/// <summary>
/// A system records come from. Implement this, a <see cref="IRecordMapper"/> and nothing else to add a source.
/// </summary>
/// <remarks>
/// The pipeline pulls changes lazily and with back-pressure: a slow target slows the enumeration, so a source
/// should fetch the next page only when the enumerator asks for it.
/// </remarks>
public interface ISourceConnector
{
    /// <summary>Gets the source's name, unique within a host (it names the checkpoint stream).</summary>
    string Name { get; }

    /// <summary>Gets what the source can do.</summary>
    SourceCapabilities Capabilities { get; }

    /// <summary>Streams changes, starting after a cursor the source issued earlier.</summary>
    /// <param name="cursor">The last committed <see cref="SourceChange.Cursor"/>, or null to start from the beginning.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The changes, in source order.</returns>
    IAsyncEnumerable<SourceChange> ReadChangesAsync(string? cursor, CancellationToken cancellationToken);
}
