using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>
/// A commit's outcomes as column arrays for <c>unnest</c>: every outcome sorted by key, and one latest row per
/// entity, folded in commit order and sorted by entity, so that concurrent commits take row locks in one order.
/// When no entity repeats, the two are the same rows and only the entity-ordered set is built
/// (<see cref="EntitiesAreUnique"/>).
/// </summary>
internal sealed class IdempotencyRows
{
    private IdempotencyRows(int count)
    {
        Keys = new byte[count][];
        Targets = new string[count];
        Systems = new string[count];
        EntityTypes = new string[count];
        EntityIds = new string[count];
        Kinds = new short[count];
        Ordinals = new long[count];
        Tags = new string?[count];
        Operations = new short[count];
        TargetIds = new string?[count];
        CommittedAt = new long[count];
    }

    public byte[][] Keys { get; }

    public string[] Targets { get; }

    public string[] Systems { get; }

    public string[] EntityTypes { get; }

    public string[] EntityIds { get; }

    public short[] Kinds { get; }

    public long[] Ordinals { get; }

    public string?[] Tags { get; }

    public short[] Operations { get; }

    public string?[] TargetIds { get; }

    public long[] CommittedAt { get; }

    public IdempotencyRows Latest { get; private set; } = null!;

    /// <summary>
    /// Gets a value indicating whether every outcome is of a different entity; then these arrays are in entity
    /// order, <see cref="Latest"/> is this instance, and one statement can write both tables.
    /// </summary>
    public bool EntitiesAreUnique { get; private set; }

    /// <summary>
    /// Gets the latest-version rows one by one in commit order, when folding would not be exact: an entity
    /// whose versions in the batch are of different kinds, where "unordered" makes the result depend on the order
    /// in which the stored row is met. Null in the usual case.
    /// </summary>
    public IdempotencyRows[]? LatestInOrder { get; private set; }

    public static IdempotencyRows Build(IReadOnlyList<CommittedWrite> writes)
    {
        var latest = new Dictionary<(string, SourceIdentity), CommittedWrite>();
        var mixedKinds = false;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var entity = (write.Target, write.Entity);
            if (latest.TryGetValue(entity, out var current))
            {
                mixedKinds |= current.Version.Kind != write.Version.Kind;
                if (write.Version.CompareTo(current.Version) is VersionOrder.Older or VersionOrder.Same)
                {
                    continue;
                }
            }

            latest[entity] = write;
        }

        var latestRows = latest.Values.ToArray();
        Array.Sort(latestRows, static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Target, b.Target);
            order = order != 0 ? order : string.CompareOrdinal(a.Entity.System, b.Entity.System);
            order = order != 0 ? order : string.CompareOrdinal(a.Entity.EntityType, b.Entity.EntityType);
            return order != 0 ? order : string.CompareOrdinal(a.Entity.Id, b.Entity.Id);
        });

        if (latestRows.Length == writes.Count)
        {
            var unique = Fill(latestRows);
            unique.Latest = unique;
            unique.EntitiesAreUnique = true;
            return unique;
        }

        // A stable sort: of two outcomes with one key, the first stays first and is the one kept.
        var sorted = writes.OrderBy(static w => w.Key.Value).ToArray();
        var rows = Fill(sorted);
        rows.Latest = Fill(latestRows);
        if (mixedKinds)
        {
            rows.LatestInOrder = [.. writes.Select(static w => Fill([w]))];
        }

        return rows;
    }

    private static IdempotencyRows Fill(CommittedWrite[] writes)
    {
        var rows = new IdempotencyRows(writes.Length);
        for (var i = 0; i < writes.Length; i++)
        {
            var write = writes[i];
            rows.Keys[i] = PgValues.ToBytes(write.Key);
            rows.Targets[i] = write.Target;
            rows.Systems[i] = write.Entity.System;
            rows.EntityTypes[i] = write.Entity.EntityType;
            rows.EntityIds[i] = write.Entity.Id;
            rows.Kinds[i] = (short)write.Version.Kind;
            rows.Ordinals[i] = write.Version.Ordinal;
            rows.Tags[i] = write.Version.Tag;
            rows.Operations[i] = (short)write.Operation;
            rows.TargetIds[i] = write.TargetId;
            rows.CommittedAt[i] = write.CommittedAt.UtcTicks;
        }

        return rows;
    }
}
