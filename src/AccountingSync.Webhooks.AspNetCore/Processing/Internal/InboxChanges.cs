using System.Globalization;
using AccountingSync.Connectors;

namespace AccountingSync.Webhooks.Processing.Internal;

/// <summary>
/// How a claimed batch of inbox events becomes the changes of one pipeline run: in inbox order, each event's last
/// change carrying the event's inbox sequence as its cursor.
/// </summary>
/// <remarks>
/// The cursor is informational: the checkpoint records the highest sequence of the stream's latest run (an event
/// released and claimed again later can move it back). Which events still need processing is the inbox's own
/// state (pending, claimed, processed), because leases can hand an older event to a later cycle; the run's source
/// is therefore a plain <see cref="ChangeListSource"/> that skips nothing.
/// </remarks>
internal static class InboxChanges
{
    public static readonly SourceCapabilities Capabilities = new(SourceFeatures.Webhooks | SourceFeatures.Deletes);

    public static SourceChange Stamp(SourceChange change, string eventId, int index, int count, long sequence) => change with
    {
        EventId = count == 1 ? eventId : string.Create(CultureInfo.InvariantCulture, $"{eventId}#{index}"),
        Cursor = index == count - 1 ? sequence.ToString(CultureInfo.InvariantCulture) : null,
    };
}
