namespace AccountingSync.Connectors;

/// <summary>
/// Turns a source's raw records into documents of the accounting model, kept apart from transport so one
/// mapper serves the polling, webhook and batch lanes of the same system.
/// </summary>
/// <remarks>
/// A mapper reports bad data through <see cref="MappingResult.Failed"/> instead of throwing; an exception is
/// treated the same way, with its message as the reason. Implementations must be thread-safe: the pipeline
/// calls them from several partitions at once.
/// </remarks>
public interface IRecordMapper
{
    /// <summary>Maps one change.</summary>
    /// <param name="change">The change, with its raw payload.</param>
    /// <returns>The document, a skip, or the problems.</returns>
    MappingResult Map(SourceChange change);
}
