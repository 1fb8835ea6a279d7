using AccountingSync.Checkpoints;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="ICheckpointStore"/> must meet.</summary>
public abstract class CheckpointStoreConformance : StoreConformance<ICheckpointStore>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_NeverSaved_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetAsync("shop-api", Token));
    }

    [Fact]
    public async Task TrySaveAsync_FirstSave_CreatesRevisionOne()
    {
        var store = await CreateStoreAsync();
        var saved = await store.TrySaveAsync("shop-api", "cursor-1", 0, At, Token);
        store = await ReopenAsync(store);

        Assert.Equal(1, saved!.Revision);
        var read = await store.GetAsync("shop-api", Token);
        Assert.Equal("cursor-1", read!.Cursor);
        Assert.Equal(1, read.Revision);
        Assert.Equal(At, read.UpdatedAt);
    }

    [Fact]
    public async Task TrySaveAsync_WithTheCurrentRevision_Advances()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync("s", "a", 0, At, Token);
        var second = await store.TrySaveAsync("s", "b", 1, At.AddSeconds(1), Token);

        Assert.Equal(2, second!.Revision);
        Assert.Equal("b", (await store.GetAsync("s", Token))!.Cursor);
    }

    [Fact]
    public async Task TrySaveAsync_WithAStaleRevision_IsRefusedAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync("s", "a", 0, At, Token);
        await store.TrySaveAsync("s", "b", 1, At, Token);

        Assert.Null(await store.TrySaveAsync("s", "stale", 1, At, Token));
        Assert.Null(await store.TrySaveAsync("s", "again", 0, At, Token));
        Assert.Equal("b", (await store.GetAsync("s", Token))!.Cursor);
    }

    [Fact]
    public async Task TrySaveAsync_NullCursor_IsStored()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync("s", null, 0, At, Token);
        Assert.Null((await store.GetAsync("s", Token))!.Cursor);
    }

    [Fact]
    public async Task TrySaveAsync_ConcurrentSavesOfOneRevision_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync("s", "start", 0, At, Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => store.TrySaveAsync("s", $"c{i}", 1, At, Token).AsTask()));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, (await store.GetAsync("s", Token))!.Revision);
    }

    [Fact]
    public async Task Streams_AreIndependent()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync("a", "1", 0, At, Token);
        await store.TrySaveAsync("b", "2", 0, At, Token);

        Assert.Equal("1", (await store.GetAsync("a", Token))!.Cursor);
        Assert.Equal("2", (await store.GetAsync("b", Token))!.Cursor);
    }
}
