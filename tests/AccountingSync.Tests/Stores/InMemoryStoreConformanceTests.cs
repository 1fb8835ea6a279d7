using AccountingSync.Audit;
using AccountingSync.Checkpoints;
using AccountingSync.Conformance.Stores;
using AccountingSync.Credentials;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;
using AccountingSync.Inbox;
using AccountingSync.Scheduling;

namespace AccountingSync.Tests.Stores;

public sealed class InMemoryIdempotencyStoreTests : IdempotencyStoreConformance
{
    protected override Task<IIdempotencyStore> CreateStoreAsync() => Task.FromResult<IIdempotencyStore>(new InMemoryIdempotencyStore());
}

public sealed class InMemoryDeduplicationStoreTests : DeduplicationStoreConformance
{
    protected override Task<IDeduplicationStore> CreateStoreAsync() =>
        Task.FromResult<IDeduplicationStore>(new InMemoryDeduplicationStore());
}

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreConformance
{
    protected override Task<ICheckpointStore> CreateStoreAsync() => Task.FromResult<ICheckpointStore>(new InMemoryCheckpointStore());
}

public sealed class InMemoryDeadLetterStoreTests : DeadLetterStoreConformance
{
    protected override Task<IDeadLetterStore> CreateStoreAsync() => Task.FromResult<IDeadLetterStore>(new InMemoryDeadLetterStore());
}

public sealed class InMemoryInboxStoreTests : InboxStoreConformance
{
    protected override Task<IInboxStore> CreateStoreAsync() => Task.FromResult<IInboxStore>(new InMemoryInboxStore());
}

public sealed class InMemoryAuditStoreTests : AuditStoreConformance
{
    protected override Task<IAuditStore> CreateStoreAsync() => Task.FromResult<IAuditStore>(new InMemoryAuditStore());
}

public sealed class InMemoryTokenStoreTests : TokenStoreConformance
{
    protected override Task<ITokenStore> CreateStoreAsync() => Task.FromResult<ITokenStore>(new InMemoryTokenStore());
}

public sealed class InMemoryScheduleStoreTests : ScheduleStoreConformance
{
    protected override Task<IScheduleStore> CreateStoreAsync() => Task.FromResult<IScheduleStore>(new InMemoryScheduleStore());
}
