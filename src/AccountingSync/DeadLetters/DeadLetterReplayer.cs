using System.Globalization;
using AccountingSync.Audit;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Pipeline;

namespace AccountingSync.DeadLetters;

/// <summary>
/// Sends dead letters back through the normal pipeline after a fix (all, by reason, by entity), removes the ones
/// that are now delivered, and purges on request; every replay and purge is written to the audit log.
/// </summary>
/// <remarks>
/// Replay goes through the same dedup and idempotency checks as any record, so replaying twice, or replaying a
/// record that another lane delivered meanwhile, writes nothing twice. This type is thread-safe.
/// </remarks>
public sealed class DeadLetterReplayer(IDeadLetterStore deadLetters, IIdempotencyStore idempotency, AuditLog audit)
{
    /// <summary>Replays the dead letters of a pipeline's target that match a query.</summary>
    /// <param name="pipeline">The pipeline whose target the letters were meant for.</param>
    /// <param name="mapper">The (fixed) mapper for the letters' payloads.</param>
    /// <param name="query">Which letters; the pipeline's target is always added as a criterion.</param>
    /// <param name="actor">Who asked, for the audit log.</param>
    /// <param name="cancellationToken">Stops the replay; what was delivered stays delivered.</param>
    /// <returns>How many letters were replayed, delivered and still failing.</returns>
    public async Task<DeadLetterReplayResult> ReplayAsync(
        SyncPipeline pipeline, IRecordMapper mapper, DeadLetterQuery query, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(query);
        var letters = (await deadLetters.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            .Where(l => string.Equals(l.Target, pipeline.TargetName, StringComparison.Ordinal))
            .ToList();
        if (letters.Count == 0)
        {
            return new DeadLetterReplayResult(0, 0, 0);
        }

        // A replay is a one-off run: its progress is the dead-letter store itself, not a cursor.
        var source = new ChangeListSource("dead-letter-replay", [.. letters.Select(DeadLetterPayload.ToChange)]);
        await pipeline.RunAsync(source, mapper, cancellationToken).ConfigureAwait(false);

        // A letter is resolved when its write is committed, or when the target holds a newer version of the entity.
        var resolved = new List<IdempotencyKey>();
        foreach (var letter in letters)
        {
            var latest = await idempotency.FindLatestAsync(letter.Target, letter.Entity, cancellationToken).ConfigureAwait(false);
            var committed = await idempotency.FindAsync(letter.Key, cancellationToken).ConfigureAwait(false);
            if (committed is not null
                || (latest is not null && letter.Version.CompareTo(latest.Version) is Model.VersionOrder.Older or Model.VersionOrder.Same))
            {
                resolved.Add(letter.Key);
            }
        }

        await deadLetters.RemoveAsync(resolved, cancellationToken).ConfigureAwait(false);
        var result = new DeadLetterReplayResult(letters.Count, resolved.Count, letters.Count - resolved.Count);
        await audit.AppendAsync(actor, "deadletters.replay", pipeline.TargetName, string.Create(CultureInfo.InvariantCulture,
            $"replayed {result.Replayed}, delivered {result.Delivered}, still failing {result.StillFailing}"), cancellationToken)
            .ConfigureAwait(false);
        return result;
    }

    /// <summary>Removes dead letters for good, recording who did it and why.</summary>
    /// <param name="query">Which letters.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="reason">Why they are given up, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many letters were removed.</returns>
    public async Task<int> PurgeAsync(DeadLetterQuery query, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var letters = await deadLetters.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var removed = await deadLetters.RemoveAsync([.. letters.Select(l => l.Key)], cancellationToken).ConfigureAwait(false);
        var subjects = string.Join(", ", letters.Take(20).Select(l => $"{l.Entity}@{l.Version}"));
        await audit.AppendAsync(actor, "deadletters.purge", subjects, string.Create(CultureInfo.InvariantCulture,
            $"removed {removed}: {reason}"), cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
