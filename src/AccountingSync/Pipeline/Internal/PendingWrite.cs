using AccountingSync.Idempotency;
using AccountingSync.Model.Documents;

namespace AccountingSync.Pipeline.Internal;

/// <summary>A record that passed every check and waits in a lane's batch to be written.</summary>
internal readonly record struct PendingWrite(WorkItem Item, IdempotencyKey Key, AccountingDocument Document);
