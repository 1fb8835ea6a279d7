using System.Globalization;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>
/// The event id of a polled record, <c>EntityType/id@utcTicks/operation</c>: one version of one record, so a
/// record read again by an overlapping listing is dropped by the pipeline's first check.
/// </summary>
internal static class PollingEventId
{
    /// <summary>Builds the id in one allocation of its exact length; every polled record gets one.</summary>
    public static string Create(string entityType, string id, DateTimeOffset modified, string operation)
    {
        var ticks = modified.UtcTicks;
        var digits = 1;
        for (var rest = ticks; rest >= 10; rest /= 10)
        {
            digits++;
        }

        var length = entityType.Length + 1 + id.Length + 1 + digits + 1 + operation.Length;
        return string.Create(length, (entityType, id, ticks, operation), static (span, state) =>
        {
            var at = 0;
            Append(span, ref at, state.entityType);
            span[at++] = '/';
            Append(span, ref at, state.id);
            span[at++] = '@';
            state.ticks.TryFormat(span[at..], out var written, provider: CultureInfo.InvariantCulture);
            at += written;
            span[at++] = '/';
            Append(span, ref at, state.operation);
        });
    }

    private static void Append(Span<char> span, ref int at, string text)
    {
        text.CopyTo(span[at..]);
        at += text.Length;
    }
}
