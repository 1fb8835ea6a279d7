using System.Runtime.CompilerServices;
using AccountingSync.Connectors;

namespace AccountingSync.DeadLetters;

/// <summary>
/// A source over dead letters, rebuilt into the changes they came from. It has no cursor: a replay is a one-off
/// run, and its progress is the dead-letter store itself.
/// </summary>
public sealed class DeadLetterSource(IReadOnlyList<DeadLetter> letters) : ISourceConnector
{
    /// <inheritdoc />
    public string Name => "dead-letter-replay";

    /// <inheritdoc />
    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.FullExport);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var letter in letters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return DeadLetterPayload.ToChange(letter);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
