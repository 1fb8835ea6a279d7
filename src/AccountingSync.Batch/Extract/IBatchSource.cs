namespace AccountingSync.Batch.Extract;

/// <summary>Where a batch job reads its rows from: a file, a stream, or any source that can be read in order.</summary>
/// <remarks>
/// Implementations stream: they hold one row at a time, never the whole input. Reading again must yield the
/// same rows with the same numbers, because a resumed job skips the rows it staged before it stopped.
/// </remarks>
public interface IBatchSource
{
    /// <summary>Gets a short name of the source for reports, such as the file name.</summary>
    string Name { get; }

    /// <summary>Reads the rows in order.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<SourceRow> ReadAsync(CancellationToken cancellationToken);
}
