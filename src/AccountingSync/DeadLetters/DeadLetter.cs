using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Validation;

namespace AccountingSync.DeadLetters;

/// <summary>
/// A record the pipeline could not deliver: the record itself, why, and its history of attempts.
/// </summary>
/// <remarks>
/// Entries are keyed by <see cref="Key"/> (target, entity, version, operation), so the same record failing again
/// updates one entry rather than adding another. Replaying an entry sends it through the normal pipeline, where
/// idempotency still holds.
/// </remarks>
public sealed record DeadLetter
{
    /// <summary>Gets the idempotency key of the write that failed; the entry's identity.</summary>
    public required IdempotencyKey Key { get; init; }

    /// <summary>Gets the stream (source) the record came from.</summary>
    public required string Stream { get; init; }

    /// <summary>Gets the target it was meant for.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the entity.</summary>
    public required SourceIdentity Entity { get; init; }

    /// <summary>Gets the entity's version.</summary>
    public SourceVersion Version { get; init; }

    /// <summary>Gets the operation.</summary>
    public ChangeOperation Operation { get; init; }

    /// <summary>Gets the delivery's event id, when it had one.</summary>
    public string? EventId { get; init; }

    /// <summary>Gets the CLR type of the payload, so replay can rebuild it.</summary>
    public string? PayloadType { get; init; }

    /// <summary>Gets the payload as JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>Gets why the record failed, for a person.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the class of failure.</summary>
    public ErrorClass ErrorClass { get; init; }

    /// <summary>Gets the validation or mapping problems, when those were the cause.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];

    /// <summary>Gets how many times delivery was attempted.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Gets when the record first failed.</summary>
    public DateTimeOffset FirstFailedAt { get; init; }

    /// <summary>Gets when the record last failed.</summary>
    public DateTimeOffset LastFailedAt { get; init; }
}
