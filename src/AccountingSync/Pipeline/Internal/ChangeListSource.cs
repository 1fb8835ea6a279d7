using System.Runtime.CompilerServices;
using AccountingSync.Connectors;

namespace AccountingSync.Pipeline.Internal;

/// <summary>A fixed list of changes as a source: what a repair or an on-demand sync hands the pipeline.</summary>
/// <remarks>The list has no resume points; a repair stopped half-way is repaired again by the next run.</remarks>
internal sealed class ChangeListSource(string name, IReadOnlyList<SourceChange> changes) : ISourceConnector
{
    public string Name => name;

    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.FullExport);

    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return change;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
