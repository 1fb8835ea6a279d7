using AccountingSync.Deduplication;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IDeduplicationStore"/> must meet.</summary>
public abstract class DeduplicationStoreConformance : StoreConformance<IDeduplicationStore>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ContainsAsync_NeverAdded_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        Assert.False(await store.ContainsAsync("shop", "evt_1", Token));
    }

    [Fact]
    public async Task AddAsync_ThenContains_ReturnsTrueInThatScopeOnly()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync("shop", ["evt_1", "evt_2"], At, Token);
        store = await ReopenAsync(store);

        Assert.True(await store.ContainsAsync("shop", "evt_1", Token));
        Assert.True(await store.ContainsAsync("shop", "evt_2", Token));
        Assert.False(await store.ContainsAsync("stripe", "evt_1", Token));
        Assert.False(await store.ContainsAsync("shop", "EVT_1", Token));
    }

    [Fact]
    public async Task AddAsync_IdAlreadyPresent_IsNotAnError()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync("shop", ["evt_1"], At, Token);
        await store.AddAsync("shop", ["evt_1", "evt_1", "evt_3"], At.AddMinutes(1), Token);

        Assert.True(await store.ContainsAsync("shop", "evt_3", Token));
    }

    [Fact]
    public async Task PurgeAsync_RemovesOnlyIdsSeenBeforeTheCutoff()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync("shop", ["old-1", "old-2"], At, Token);
        await store.AddAsync("shop", ["new"], At.AddDays(10), Token);

        var removed = await store.PurgeAsync(At.AddDays(1), Token);

        Assert.Equal(2, removed);
        Assert.False(await store.ContainsAsync("shop", "old-1", Token));
        Assert.True(await store.ContainsAsync("shop", "new", Token));
    }

    [Fact]
    public async Task AddAsync_ConcurrentOverlappingBatches_KeepsEveryId()
    {
        var store = await CreateStoreAsync();
        var batches = Enumerable.Range(0, 6).Select(b => Enumerable.Range(b * 20, 40).Select(i => $"evt_{i}").ToList()).ToList();

        await Task.WhenAll(batches.Select(batch => store.AddAsync("shop", batch, At, Token).AsTask()));

        for (var i = 0; i < 140; i++)
        {
            Assert.True(await store.ContainsAsync("shop", $"evt_{i}", Token), $"evt_{i} was lost");
        }
    }
}
