using AccountingSync.Audit;
using AccountingSync.Checkpoints;
using AccountingSync.Conformance.Stores;
using AccountingSync.Credentials;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;
using AccountingSync.Inbox;

namespace AccountingSync.Storage.Sqlite.Tests;

// Each store keeps a map from the store instance back to its database, so ReopenAsync reopens the same file.
public sealed class SqliteIdempotencyStoreTests(SqliteTestDatabase files)
    : IdempotencyStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IIdempotencyStore> _host = new(files, db => db.Idempotency);

    protected override Task<IIdempotencyStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IIdempotencyStore> ReopenAsync(IIdempotencyStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteDeduplicationStoreTests(SqliteTestDatabase files)
    : DeduplicationStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IDeduplicationStore> _host = new(files, db => db.Deduplication);

    protected override Task<IDeduplicationStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IDeduplicationStore> ReopenAsync(IDeduplicationStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteCheckpointStoreTests(SqliteTestDatabase files)
    : CheckpointStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<ICheckpointStore> _host = new(files, db => db.Checkpoints);

    protected override Task<ICheckpointStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ICheckpointStore> ReopenAsync(ICheckpointStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteDeadLetterStoreTests(SqliteTestDatabase files)
    : DeadLetterStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IDeadLetterStore> _host = new(files, db => db.DeadLetters);

    protected override Task<IDeadLetterStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IDeadLetterStore> ReopenAsync(IDeadLetterStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteInboxStoreTests(SqliteTestDatabase files)
    : InboxStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IInboxStore> _host = new(files, db => db.Inbox);

    protected override Task<IInboxStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IInboxStore> ReopenAsync(IInboxStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteAuditStoreTests(SqliteTestDatabase files)
    : AuditStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IAuditStore> _host = new(files, db => db.Audit);

    protected override Task<IAuditStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IAuditStore> ReopenAsync(IAuditStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteTokenStoreTests(SqliteTestDatabase files)
    : TokenStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<ITokenStore> _host = new(files, db => db.Tokens);

    protected override Task<ITokenStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ITokenStore> ReopenAsync(ITokenStore store) => _host.ReopenAsync(store);
}

/// <summary>The SQLite token store behind field protection: same contract, and the file holds no plaintext token.</summary>
public sealed class SqliteProtectedTokenStoreTests(SqliteTestDatabase files)
    : TokenStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private static readonly AccountingSync.Security.AesGcmFieldProtector Protector = new(
        new Dictionary<string, byte[]> { ["k1"] = AccountingSync.Security.AesGcmFieldProtector.NewKey() }, "k1");

    private readonly SqliteStoreHost<ITokenStore> _host = new(files, db => new ProtectedTokenStore(db.Tokens, Protector));

    protected override Task<ITokenStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ITokenStore> ReopenAsync(ITokenStore store) => _host.ReopenAsync(store);

    [Fact]
    public async Task SaveAsync_DatabaseFileHoldsNoPlaintextToken()
    {
        var path = files.NewPath();
        using (var database = files.Open(path))
        {
            var store = new ProtectedTokenStore(database.Tokens, Protector);
            await store.SaveAsync("xero:t", new OAuthTokens("access-PLAINTEXT-1", "refresh-PLAINTEXT-2",
                DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch), Token);
        }

        var bytes = string.Join("|", Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain("PLAINTEXT", bytes, StringComparison.Ordinal);
    }
}

// The grouped sync changes when a write returns, not what it stores: the stores a webhook burst writes through
// pass the same suite with it.
public sealed class SqliteGroupedIdempotencyStoreTests(SqliteTestDatabase files)
    : IdempotencyStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IIdempotencyStore> _host = new(
        files, db => db.Idempotency, SqliteSynchronousMode.Grouped);

    protected override Task<IIdempotencyStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IIdempotencyStore> ReopenAsync(IIdempotencyStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteGroupedInboxStoreTests(SqliteTestDatabase files)
    : InboxStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<IInboxStore> _host = new(files, db => db.Inbox, SqliteSynchronousMode.Grouped);

    protected override Task<IInboxStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<IInboxStore> ReopenAsync(IInboxStore store) => _host.ReopenAsync(store);
}

public sealed class SqliteGroupedCheckpointStoreTests(SqliteTestDatabase files)
    : CheckpointStoreConformance, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteStoreHost<ICheckpointStore> _host = new(
        files, db => db.Checkpoints, SqliteSynchronousMode.Grouped);

    protected override Task<ICheckpointStore> CreateStoreAsync() => _host.CreateAsync();

    protected override Task<ICheckpointStore> ReopenAsync(ICheckpointStore store) => _host.ReopenAsync(store);
}
