using System.Runtime.CompilerServices;

namespace AccountingSync.Connectors;

/// <summary>
/// A fixed list of changes as a source: for one-off runs whose progress is kept elsewhere, such as a repair, an
/// on-demand sync, a replay or a claimed batch of webhook events.
/// </summary>
/// <remarks>
/// Every enumeration yields the whole list; the cursor passed in is ignored, because re-running a list is made
/// single by the pipeline's deduplication and idempotency. This type is thread-safe.
/// </remarks>
/// <param name="name">The source's name, which names its pipeline stream.</param>
/// <param name="changes">The changes, in order.</param>
/// <param name="capabilities">What the list stands for; a full export when null.</param>
public sealed class ChangeListSource(string name, IReadOnlyList<SourceChange> changes, SourceCapabilities? capabilities = null)
    : ISourceConnector
{
    private readonly IReadOnlyList<SourceChange> _changes = changes ?? throw new ArgumentNullException(nameof(changes));

    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("A change list source needs a name.", nameof(name))
        : name;

    /// <inheritdoc />
    public SourceCapabilities Capabilities { get; } = capabilities ?? new(SourceFeatures.FullExport);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var change in _changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return change;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
