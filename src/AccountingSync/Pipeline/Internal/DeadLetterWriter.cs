using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Diagnostics;
using AccountingSync.Idempotency;
using AccountingSync.Validation;

namespace AccountingSync.Pipeline.Internal;

/// <summary>Writes a record that cannot be delivered to the dead-letter store, then completes it.</summary>
internal sealed class DeadLetterWriter(PipelineContext context)
{
    public async ValueTask DeadLetterAsync(
        WorkItem item,
        IdempotencyKey key,
        ErrorClass errorClass,
        string reason,
        IReadOnlyList<ValidationProblem> problems,
        int attempts,
        CancellationToken cancellationToken)
    {
        var change = item.Change!;
        var (payloadType, payload) = DeadLetterPayload.Serialize(change);
        var now = context.Time.GetUtcNow();
        var letter = new DeadLetter
        {
            Key = key,
            Stream = item.Run.Stream,
            Target = context.TargetName,
            Entity = change.Entity,
            Version = change.Version,
            Operation = change.Operation,
            EventId = change.EventId,
            PayloadType = payloadType,
            Payload = payload,
            Reason = reason,
            ErrorClass = errorClass,
            Problems = problems,
            Attempts = attempts,
            FirstFailedAt = now,
            LastFailedAt = now,
        };
        await context.Stores.DeadLetters.AddAsync(letter, cancellationToken).ConfigureAwait(false);
        Log.RecordDeadLettered(context.Logger, change.Entity.ToString(), change.Version.ToString(), errorClass, reason);
    }
}
