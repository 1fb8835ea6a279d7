using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;

namespace GettingStarted;

/// <summary>
/// A source that invents a small shop's invoices, the way a POS would report them: some invoices change
/// after they are first reported, some deliveries repeat, one arrives out of order and one is broken.
/// The cursor is the position in the list, so a second run resumes after the last committed change.
/// </summary>
internal sealed class GeneratedInvoiceSource(int invoices, int seed) : ISourceConnector
{
    public string Name => "demo-pos";

    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.ChangeFeed);

    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = Generate();
        var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture) + 1;
        for (var i = start; i < changes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return changes[i] with { Cursor = i.ToString(CultureInfo.InvariantCulture) };
        }

        await Task.CompletedTask;
    }

    /// <summary>The total, VAT included, of the newest valid version of every invoice: what the books must hold.</summary>
    public decimal ExpectedTotal() => Generate()
        .Where(c => c.Payload is PosInvoice { Lines: var lines } && lines.All(l => l.Quantity > 0))
        .GroupBy(c => c.Entity)
        .Select(g => g.MaxBy(c => c.Version.Ordinal)!)
        .Sum(c => new PosInvoiceMapper().Map(c).Document is AccountingSync.Model.Documents.Invoice invoice
            ? invoice.ComputeTotals().Total.Amount
            : 0m);

    private List<SourceChange> Generate()
    {
        var random = new Random(seed);
        var changes = new List<SourceChange>();
        for (var n = 1; n <= invoices; n++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new PosLine(
                    $"SKU-{random.Next(100, 999)}", random.Next(1, 6), Math.Round((decimal)random.Next(150, 9_999) / 100m, 2)))
                .ToList();
            changes.Add(Change(n, 1, lines));
            if (n % 5 == 0)
            {
                // The till corrected the invoice: a second version with one more unit on the first line.
                changes.Add(Change(n, 2, [lines[0] with { Quantity = lines[0].Quantity + 1 }, .. lines.Skip(1)]));
            }

            if (n % 7 == 0)
            {
                changes.Add(changes[^1]); // the same delivery twice
            }
        }

        // A broken record: a line with no quantity. It goes to dead letters; the rest carries on.
        changes.Add(Change(invoices + 1, 1, [new PosLine("SKU-BAD", 0, 10m)]));

        // A late, older version of invoice 5 that must not overwrite version 2.
        // It comes through another channel, so its event id is new and only the version check can catch it.
        changes.Add(Change(5, 1, [new PosLine("SKU-OLD", 1, 1m)]) with { EventId = "evt-5-1-resent" });
        return changes;
    }

    private static SourceChange Change(int number, long version, List<PosLine> lines) => new()
    {
        Entity = new SourceIdentity("demo-pos", "invoice", number.ToString("D5", CultureInfo.InvariantCulture)),
        Version = SourceVersion.FromSequence(version),
        EventId = $"evt-{number}-{version}",
        Payload = new PosInvoice($"INV-{number:D5}", new DateOnly(2026, 11, 2).AddDays(number % 28), lines),
        OccurredAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddMinutes(number),
    };
}

/// <summary>An invoice as the demo POS reports it.</summary>
internal sealed record PosInvoice(string Number, DateOnly Date, List<PosLine> Lines);

/// <summary>A line as the demo POS reports it.</summary>
internal sealed record PosLine(string Sku, int Quantity, decimal UnitPrice);
