using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;

namespace AccountingSync.Conformance.Testing;

/// <summary>
/// A source over a fixed list of changes; the cursor is the index of the last change read, so a rerun resumes
/// after the committed prefix exactly as a change feed would.
/// </summary>
public sealed class ListSource(string name, IReadOnlyList<SourceChange> changes) : ISourceConnector
{
    private int _read;

    /// <summary>Gets or sets a callback run before each change is yielded, with the change's index (to inject stops).</summary>
    public Func<int, ValueTask>? BeforeYield { get; set; }

    /// <summary>Gets how many changes were yielded so far, over all runs.</summary>
    public int Read => Volatile.Read(ref _read);

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.ChangeFeed);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture) + 1;
        for (var i = start; i < changes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BeforeYield is { } hook)
            {
                await hook(i);
            }

            Interlocked.Increment(ref _read);
            yield return changes[i] with { Cursor = i.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
