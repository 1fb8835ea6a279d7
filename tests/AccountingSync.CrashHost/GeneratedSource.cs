using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.CrashHost;

/// <summary>
/// A deterministic source of <c>count</c> contacts. Every 13th record is malformed (it goes to dead letters)
/// and every 10th change is delivered twice with the same event id (dedup must drop the repeat).
/// The cursor is the record's index, so a restarted run resumes after the last saved checkpoint.
/// </summary>
public sealed class GeneratedSource(string name, int count) : ISourceConnector
{
    public string Name => name;

    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.ChangeFeed);

    public static bool IsMalformed(int index) => index % 13 == 0;

    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture) + 1;
        for (var i = start; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = Change(i);
            yield return change;
            if (i % 10 == 0)
            {
                yield return change with { Cursor = null };
            }

            if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }
    }

    private static SourceChange Change(int i)
    {
        var id = i.ToString(CultureInfo.InvariantCulture);
        return new SourceChange
        {
            Entity = new SourceIdentity("crash-shop", "customer", "c" + id),
            Version = SourceVersion.FromSequence(1 + (i % 3)),
            EventId = "evt-" + id,
            Payload = IsMalformed(i) ? string.Empty : "Customer " + id,
            Cursor = id,
        };
    }
}
