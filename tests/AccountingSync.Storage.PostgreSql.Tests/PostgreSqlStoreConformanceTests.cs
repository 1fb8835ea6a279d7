using AccountingSync.Audit;
using AccountingSync.Checkpoints;
using AccountingSync.Conformance.Stores;
using AccountingSync.Credentials;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;
using AccountingSync.Inbox;
using AccountingSync.Scheduling;

namespace AccountingSync.Storage.PostgreSql.Tests;

// Each store remembers its schema, so ReopenAsync opens the same schema again.
public sealed class PostgreSqlIdempotencyStoreTests(PostgresTestSchemas schemas)
    : IdempotencyStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IIdempotencyStore> _host = new(schemas, db => db.Idempotency);

    protected override Task<IIdempotencyStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IIdempotencyStore> ReopenAsync(IIdempotencyStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlDeduplicationStoreTests(PostgresTestSchemas schemas)
    : DeduplicationStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IDeduplicationStore> _host = new(schemas, db => db.Deduplication);

    protected override Task<IDeduplicationStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IDeduplicationStore> ReopenAsync(IDeduplicationStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlCheckpointStoreTests(PostgresTestSchemas schemas)
    : CheckpointStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<ICheckpointStore> _host = new(schemas, db => db.Checkpoints);

    protected override Task<ICheckpointStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ICheckpointStore> ReopenAsync(ICheckpointStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlDeadLetterStoreTests(PostgresTestSchemas schemas)
    : DeadLetterStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IDeadLetterStore> _host = new(schemas, db => db.DeadLetters);

    protected override Task<IDeadLetterStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IDeadLetterStore> ReopenAsync(IDeadLetterStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlInboxStoreTests(PostgresTestSchemas schemas)
    : InboxStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IInboxStore> _host = new(schemas, db => db.Inbox);

    protected override Task<IInboxStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IInboxStore> ReopenAsync(IInboxStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlAuditStoreTests(PostgresTestSchemas schemas)
    : AuditStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IAuditStore> _host = new(schemas, db => db.Audit);

    protected override Task<IAuditStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IAuditStore> ReopenAsync(IAuditStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlTokenStoreTests(PostgresTestSchemas schemas)
    : TokenStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<ITokenStore> _host = new(schemas, db => db.Tokens);

    protected override Task<ITokenStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ITokenStore> ReopenAsync(ITokenStore store) => _host.ReopenAsync(store);
}

public sealed class PostgreSqlScheduleStoreTests(PostgresTestSchemas schemas)
    : ScheduleStoreConformance, IClassFixture<PostgresTestSchemas>
{
    private readonly PostgresStoreHost<IScheduleStore> _host = new(schemas, db => db.Schedules);

    protected override Task<IScheduleStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IScheduleStore> ReopenAsync(IScheduleStore store) => _host.ReopenAsync(store);
}
