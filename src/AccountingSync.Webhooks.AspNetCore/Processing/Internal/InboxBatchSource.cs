using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;

namespace AccountingSync.Webhooks.Processing.Internal;

/// <summary>
/// One claimed batch of an endpoint's inbox events, as a source the pipeline runs: changes in inbox order, each
/// event's last change carrying the event's inbox sequence as its cursor.
/// </summary>
/// <remarks>
/// The cursor is informational: the checkpoint records the highest sequence of the stream's latest run (an event
/// released and claimed again later can move it back). Which
/// events still need processing is the inbox's own state (pending, claimed, processed), because leases can hand an
/// older event to a later cycle; the cursor passed in is therefore not used to skip anything.
/// </remarks>
internal sealed class InboxBatchSource(string name, IReadOnlyList<SourceChange> changes) : ISourceConnector
{
    public string Name { get; } = name;

    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.Webhooks | SourceFeatures.Deletes);

    public static SourceChange Stamp(SourceChange change, string eventId, int index, int count, long sequence) => change with
    {
        EventId = count == 1 ? eventId : string.Create(CultureInfo.InvariantCulture, $"{eventId}#{index}"),
        Cursor = index == count - 1 ? sequence.ToString(CultureInfo.InvariantCulture) : null,
    };

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
