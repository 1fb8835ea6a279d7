using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Tests.Pipeline;

/// <summary>
/// A seeded delivery history with duplicates, out-of-order versions, redeliveries under new event ids and invalid
/// records, plus the outcome a strictly sequential, crash-free processor would reach: the oracle the pipeline
/// must match under parallelism, faults and restarts.
/// </summary>
internal sealed class ExactlyOnceScenario
{
    private ExactlyOnceScenario(List<SourceChange> deliveries)
    {
        Deliveries = deliveries;
        var seenEvents = new HashSet<string>();
        var latest = new Dictionary<SourceIdentity, long>();
        foreach (var change in deliveries)
        {
            var record = (TestRecord)change.Payload!;
            if (!seenEvents.Add(change.EventId!))
            {
                continue;
            }

            if (latest.TryGetValue(change.Entity, out var newest) && change.Version.Ordinal <= newest)
            {
                continue;
            }

            if (record.Invalid || record.Unmappable)
            {
                // A rejected delivery is not remembered: a redelivery of it is rejected again, under the same key.
                seenEvents.Remove(change.EventId!);
                ExpectedDeadLetters.Add(IdempotencyKey.Derive("books", change.Entity, change.Version, change.Operation));
                continue;
            }

            latest[change.Entity] = change.Version.Ordinal;
        }

        foreach (var (entity, version) in latest)
        {
            ExpectedFinal[entity] = version;
        }
    }

    public List<SourceChange> Deliveries { get; }

    public Dictionary<SourceIdentity, long> ExpectedFinal { get; } = [];

    public HashSet<IdempotencyKey> ExpectedDeadLetters { get; } = [];

    public static ExactlyOnceScenario Generate(int seed, int entities, int maxVersions)
    {
        var random = new Random(seed);
        var deliveries = new List<SourceChange>();
        for (var e = 0; e < entities; e++)
        {
            var id = $"E{e:D4}";
            var versions = random.Next(1, maxVersions + 1);
            for (var v = 1; v <= versions; v++)
            {
                var record = new TestRecord(id, v, Math.Round((decimal)random.Next(100, 100_000) / 100m, 2),
                    Invalid: random.NextDouble() < 0.05, Unmappable: random.NextDouble() < 0.02);
                deliveries.Add(record.ToChange());
                if (random.NextDouble() < 0.15)
                {
                    deliveries.Add(record.ToChange()); // the same event delivered again
                }

                if (random.NextDouble() < 0.05)
                {
                    deliveries.Add(record.ToChange(eventId: $"resent-{id}@{v}-{random.Next()}")); // another lane
                }
            }
        }

        // Local reordering: swap neighbours within a small window, so some versions arrive before older ones.
        for (var i = 0; i < deliveries.Count - 1; i++)
        {
            if (random.NextDouble() < 0.2)
            {
                var j = Math.Min(deliveries.Count - 1, i + random.Next(1, 6));
                (deliveries[i], deliveries[j]) = (deliveries[j], deliveries[i]);
            }
        }

        return new ExactlyOnceScenario(deliveries);
    }
}
