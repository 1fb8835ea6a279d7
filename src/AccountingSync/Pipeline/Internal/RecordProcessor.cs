using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Validation;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// The stages before the write: deduplicate by event id, skip committed and stale versions, map, validate.
/// </summary>
/// <remarks>
/// A record that stops here is completed here (as duplicate, stale, skipped or dead-lettered); a record that
/// passes comes back as a <see cref="PendingWrite"/> for its lane.
/// </remarks>
internal sealed class RecordProcessor(PipelineContext context)
{
    private readonly DeadLetterWriter _deadLetters = new(context);
    private readonly string[] _singleEventId = new string[1];

    public async ValueTask<PendingWrite?> ProcessAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var change = item.Change!;
        var run = item.Run;
        var stores = context.Stores;

        if (change.EventId is { } eventId
            && await stores.Deduplication.ContainsAsync(run.Stream, eventId, cancellationToken).ConfigureAwait(false))
        {
            Complete(item, RecordOutcome.Duplicate);
            return null;
        }

        var key = IdempotencyKey.Derive(context.TargetName, change.Entity, change.Version, change.Operation);
        var latest = await stores.Idempotency.FindLatestAsync(context.TargetName, change.Entity, cancellationToken)
            .ConfigureAwait(false);
        if (latest is not null)
        {
            var order = change.Version.CompareTo(latest.Version);
            if (order == VersionOrder.Older)
            {
                await SkipAsync(item, RecordOutcome.Stale, cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (latest.Key == key || (order == VersionOrder.Same && latest.Operation == change.Operation)
                || (order == VersionOrder.Unordered
                    && await stores.Idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false) is not null))
            {
                await SkipAsync(item, RecordOutcome.Duplicate, cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        MappingResult mapped;
        try
        {
            mapped = run.Mapper.Map(change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DeadLetterAsync(item, key, ErrorClass.Mapping, $"The mapper threw {ex.GetType().Name}: {ex.Message}", [],
                cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (mapped.Document is not { } document)
        {
            if (mapped.SkipReason is not null)
            {
                await SkipAsync(item, RecordOutcome.Skipped, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DeadLetterAsync(item, key, ErrorClass.Mapping, "Mapping failed: " + string.Join("; ", mapped.Problems),
                    mapped.Problems, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (change.Operation == ChangeOperation.Upsert)
        {
            var validation = context.Validator.Validate(document);
            if (!validation.IsValid)
            {
                await DeadLetterAsync(item, key, ErrorClass.Validation, "Validation failed: " + validation,
                    validation.Problems, cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        return new PendingWrite(item, key, document);
    }

    private async ValueTask DeadLetterAsync(
        WorkItem item, IdempotencyKey key, ErrorClass errorClass, string reason,
        IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        await _deadLetters.DeadLetterAsync(item, key, errorClass, reason, problems, 1, cancellationToken)
            .ConfigureAwait(false);
        Complete(item, RecordOutcome.DeadLettered);
    }

    /// <summary>
    /// Completes a record that needs no write. Its event id is remembered so a redelivery is dropped at the
    /// first check instead of reaching the version lookup again.
    /// </summary>
    private async ValueTask SkipAsync(WorkItem item, RecordOutcome outcome, CancellationToken cancellationToken)
    {
        if (item.Change!.EventId is { } eventId)
        {
            _singleEventId[0] = eventId;
            await context.Stores.Deduplication
                .AddAsync(item.Run.Stream, _singleEventId, context.Time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }

        Complete(item, outcome);
    }

    private void Complete(WorkItem item, RecordOutcome outcome)
    {
        item.Run.Complete(item.Sequence, item.Change!.Cursor, outcome);
        PipelineMetrics.RecordOutcomes(item.Run.Stream, context.TargetName, outcome, 1);
    }
}
