using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>The stored outcome of a write the target acknowledged: what was written and the target's id for it.</summary>
/// <param name="Key">The write's idempotency key.</param>
/// <param name="Target">The target's name.</param>
/// <param name="Entity">The entity's source identity.</param>
/// <param name="Version">The version written.</param>
/// <param name="Operation">The operation written.</param>
/// <param name="TargetId">The target's id for the record, when it returned one.</param>
/// <param name="CommittedAt">When the outcome was committed.</param>
public sealed record CommittedWrite(
    IdempotencyKey Key,
    string Target,
    SourceIdentity Entity,
    SourceVersion Version,
    ChangeOperation Operation,
    string? TargetId,
    DateTimeOffset CommittedAt);
