using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IIdempotencyStore"/> must meet.</summary>
public abstract class IdempotencyStoreConformance : StoreConformance<IIdempotencyStore>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CommittedWrite Write(string id, long version, string target = "books", string? targetId = null) =>
        Write(new SourceIdentity("shop", "invoice", id), SourceVersion.FromSequence(version), target, targetId);

    protected static CommittedWrite Write(SourceIdentity entity, SourceVersion version, string target = "books", string? targetId = null) =>
        new(IdempotencyKey.Derive(target, entity, version, ChangeOperation.Upsert), target, entity, version,
            ChangeOperation.Upsert, targetId ?? $"T-{entity.Id}-{version}", At);

    [Fact]
    public async Task FindAsync_UnknownKey_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.FindAsync(Write("1", 1).Key, Token));
        Assert.Null(await store.FindLatestAsync("books", new SourceIdentity("shop", "invoice", "1"), Token));
    }

    [Fact]
    public async Task CommitAsync_ThenFind_ReturnsTheStoredOutcome()
    {
        var store = await CreateStoreAsync();
        var write = Write("1", 7);
        await store.CommitAsync([write], Token);
        store = await ReopenAsync(store);

        var found = await store.FindAsync(write.Key, Token);
        Assert.NotNull(found);
        Assert.Equal(write.TargetId, found.TargetId);
        Assert.Equal(write.Entity, found.Entity);
        Assert.Equal(write.Version, found.Version);
        Assert.Equal(write.Operation, found.Operation);
        Assert.Equal(write.Target, found.Target);
        Assert.Equal(write.CommittedAt, found.CommittedAt);
    }

    [Fact]
    public async Task CommitAsync_SameKeyTwice_KeepsTheFirstOutcome()
    {
        var store = await CreateStoreAsync();
        var first = Write("1", 1, targetId: "first");
        await store.CommitAsync([first], Token);
        await store.CommitAsync([first with { TargetId = "second" }], Token);

        Assert.Equal("first", (await store.FindAsync(first.Key, Token))!.TargetId);
    }

    [Fact]
    public async Task CommitAsync_BatchWithOneKeyStoredBefore_StoresTheRestAndKeepsTheFirst()
    {
        var store = await CreateStoreAsync();
        var stored = Write("1", 1, targetId: "first");
        await store.CommitAsync([stored], Token);
        var batch = new[] { Write("0", 1), stored with { TargetId = "second" }, Write("2", 1), Write("3", 4) };

        await store.CommitAsync(batch, Token);

        Assert.Equal("first", (await store.FindAsync(stored.Key, Token))!.TargetId);
        foreach (var write in batch.Where(w => w.Key != stored.Key))
        {
            Assert.NotNull(await store.FindAsync(write.Key, Token));
        }

        var latest = await store.FindLatestAsync("books", new SourceIdentity("shop", "invoice", "3"), Token);
        Assert.Equal(4, latest!.Version.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_ConcurrentBatchesSharingKeys_StoreEachOutcomeOnce()
    {
        // Two instances committing the same outcomes at once, as after both read one redelivered event.
        var store = await CreateStoreAsync();
        var shared = Enumerable.Range(0, 40).Select(i => Write($"s-{i}", 1)).ToList();
        var batches = Enumerable.Range(0, 4)
            .Select(b => shared.Concat(Enumerable.Range(0, 10).Select(i => Write($"{b}-{i}", 1))).ToList())
            .ToList();

        await Task.WhenAll(batches.Select(batch => store.CommitAsync(batch, Token).AsTask()));

        foreach (var write in batches.SelectMany(b => b))
        {
            Assert.NotNull(await store.FindAsync(write.Key, Token));
        }
    }

    [Fact]
    public async Task FindLatestAsync_AfterSeveralVersions_ReturnsTheNewest()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync([Write("1", 1), Write("1", 3)], Token);
        await store.CommitAsync([Write("1", 2)], Token);
        store = await ReopenAsync(store);

        var latest = await store.FindLatestAsync("books", new SourceIdentity("shop", "invoice", "1"), Token);
        Assert.Equal(SourceVersion.FromSequence(3), latest!.Version);
        Assert.NotNull(await store.FindAsync(Write("1", 2).Key, Token));
    }

    [Fact]
    public async Task FindLatestAsync_TimestampVersions_OrderByTime()
    {
        var store = await CreateStoreAsync();
        var entity = new SourceIdentity("xero", "Invoice", "a-b-c");
        var late = SourceVersion.FromTimestamp(At.AddMinutes(5));
        await store.CommitAsync([Write(entity, late), Write(entity, SourceVersion.FromTimestamp(At))], Token);

        Assert.Equal(late, (await store.FindLatestAsync("books", entity, Token))!.Version);
    }

    [Fact]
    public async Task FindLatestAsync_EntityTags_FollowCommitOrder()
    {
        var store = await CreateStoreAsync();
        var entity = new SourceIdentity("shop", "order", "9");
        await store.CommitAsync([Write(entity, SourceVersion.FromETag("\"b\""))], Token);
        await store.CommitAsync([Write(entity, SourceVersion.FromETag("\"a\""))], Token);

        Assert.Equal("\"a\"", (await store.FindLatestAsync("books", entity, Token))!.Version.Tag);
    }

    [Fact]
    public async Task FindLatestAsync_IsKeptPerTarget()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync([Write("1", 5, target: "ledger"), Write("1", 2, target: "books")], Token);

        var entity = new SourceIdentity("shop", "invoice", "1");
        Assert.Equal(5, (await store.FindLatestAsync("ledger", entity, Token))!.Version.Ordinal);
        Assert.Equal(2, (await store.FindLatestAsync("books", entity, Token))!.Version.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_LargeBatch_StoresEveryOutcome()
    {
        var store = await CreateStoreAsync();
        var writes = Enumerable.Range(0, 1500)
            .Select(i => Write(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1))
            .ToList();
        await store.CommitAsync(writes, Token);
        store = await ReopenAsync(store);

        foreach (var write in writes)
        {
            Assert.NotNull(await store.FindAsync(write.Key, Token));
        }
    }

    [Fact]
    public async Task CommitAsync_ConcurrentBatches_StoreEveryOutcome()
    {
        var store = await CreateStoreAsync();
        var batches = Enumerable.Range(0, 8)
            .Select(b => Enumerable.Range(0, 50).Select(i => Write($"{b}-{i}", 1)).ToList())
            .ToList();

        await Task.WhenAll(batches.Select(batch => store.CommitAsync(batch, Token).AsTask()));

        foreach (var write in batches.SelectMany(b => b))
        {
            Assert.NotNull(await store.FindAsync(write.Key, Token));
        }
    }

    [Fact]
    public async Task CommitAsync_UnicodeAndLongIds_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var entity = new SourceIdentity("boutique-é", "Rechnung", new string('x', 400) + "–ü");
        var write = Write(entity, SourceVersion.FromSequence(long.MaxValue));
        await store.CommitAsync([write], Token);

        var found = await store.FindLatestAsync("books", entity, Token);
        Assert.Equal(entity, found!.Entity);
        Assert.Equal(long.MaxValue, found.Version.Ordinal);
    }

    public static TheoryData<string> MixedVersionBatches =>
        ["seq5|etag:x,seq3", "etag:a|seq3,seq1", "seq2|seq5,seq4,seq6,seq1", "none|etag:b,etag:a,etag:b"];

    /// <summary>
    /// The latest-version rule over one batch must give what committing its writes one by one gives, whatever mix of
    /// version kinds the batch holds; the in-memory store is the reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(MixedVersionBatches))]
    public async Task CommitAsync_MixedVersionKindsInOneBatch_MatchesCommittingOneByOne(string scenario)
    {
        var entity = new SourceIdentity("shop", "order", "42");
        var (stored, batch) = (scenario.Split('|')[0], scenario.Split('|')[1].Split(','));
        var reference = new InMemoryIdempotencyStore();
        var store = await CreateStoreAsync();
        await reference.CommitAsync([Write(entity, Parse(stored))], Token);
        foreach (var version in batch)
        {
            await reference.CommitAsync([Write(entity, Parse(version))], Token);
        }

        await store.CommitAsync([Write(entity, Parse(stored))], Token);
        await store.CommitAsync([.. batch.Select(v => Write(entity, Parse(v)))], Token);

        var expected = await reference.FindLatestAsync("books", entity, Token);
        var actual = await store.FindLatestAsync("books", entity, Token);
        Assert.Equal(expected!.Version, actual!.Version);
        Assert.Equal(expected.Key, actual.Key);
    }

    private static SourceVersion Parse(string version) => version switch
    {
        "none" => SourceVersion.None,
        _ when version.StartsWith("etag:", StringComparison.Ordinal) => SourceVersion.FromETag(version[5..]),
        _ => SourceVersion.FromSequence(long.Parse(version[3..], System.Globalization.CultureInfo.InvariantCulture)),
    };
}
