using AccountingSync.Audit;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IAuditStore"/> must meet, with the <see cref="AuditLog"/> chain on top.</summary>
public abstract class AuditStoreConformance : StoreConformance<IAuditStore>
{
    [Fact]
    public async Task AppendAndVerify_ChainHolds_AcrossReopen()
    {
        var store = await CreateStoreAsync();
        var log = new AuditLog(store, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        await log.AppendAsync("ops", "deadletters.purge", "shop", "3 entries", Token);
        await log.AppendAsync("ops", "credentials.rotate", "xero", null, Token);
        store = await ReopenAsync(store);

        var verification = await new AuditLog(store).VerifyAsync(Token);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(2, verification.VerifiedEntries);
        var last = await store.GetLastAsync(Token);
        Assert.Equal(2, last!.Sequence);
        Assert.Null(last.Details);
    }

    [Fact]
    public async Task TryAppendAsync_SequenceTaken_IsRefused()
    {
        var store = await CreateStoreAsync();
        var entry = new AuditEntry(1, DateTimeOffset.UnixEpoch, "a", "b", "c", null, AuditLog.GenesisHash, "h");
        Assert.True(await store.TryAppendAsync(entry, Token));
        Assert.False(await store.TryAppendAsync(entry with { Actor = "x" }, Token));
    }

    [Fact]
    public async Task AppendAsync_Concurrent_KeepsAGaplessChain()
    {
        var store = await CreateStoreAsync();
        var log = new AuditLog(store);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.AppendAsync("job", "run", $"r{i}", null, Token).AsTask()));

        var verification = await log.VerifyAsync(Token);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(20, verification.VerifiedEntries);
    }
}
