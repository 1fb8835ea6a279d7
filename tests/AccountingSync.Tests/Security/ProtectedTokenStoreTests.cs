using AccountingSync.Conformance.Stores;
using AccountingSync.Credentials;
using AccountingSync.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Tests.Security;

public sealed class ProtectedTokenStoreTests : TokenStoreConformance
{
    internal static readonly AesGcmFieldProtector Protector =
        new(new Dictionary<string, byte[]> { ["test"] = AesGcmFieldProtector.NewKey() }, "test");

    protected override Task<ITokenStore> CreateStoreAsync() =>
        Task.FromResult<ITokenStore>(new ProtectedTokenStore(new InMemoryTokenStore(), Protector));

    [Fact]
    public async Task SaveAsync_InnerStoreHoldsNoPlaintextToken()
    {
        var inner = new InMemoryTokenStore();
        var store = new ProtectedTokenStore(inner, Protector);
        var tokens = new OAuthTokens("access-abc", "refresh-xyz", DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch);
        await store.SaveAsync("xero:t", tokens, Token);

        var raw = await inner.GetAsync("xero:t", Token);
        Assert.DoesNotContain("access-abc", raw!.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-xyz", raw.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.UnixEpoch, raw.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task ProtectTokens_WrapsTheRegisteredStore()
    {
        var inner = new InMemoryTokenStore();
        await using var provider = new ServiceCollection()
            .AddSingleton<ITokenStore>(inner)
            .AddAccountingSync(sync => sync.ProtectTokens(_ => Protector))
            .BuildServiceProvider();

        var store = provider.GetRequiredService<ITokenStore>();
        await store.SaveAsync("qbo:1", new OAuthTokens("a", "r", DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch), Token);

        Assert.IsType<ProtectedTokenStore>(store);
        Assert.StartsWith("v1.test.", (await inner.GetAsync("qbo:1", Token))!.AccessToken, StringComparison.Ordinal);
        Assert.Equal("r", (await store.GetAsync("qbo:1", Token))!.RefreshToken);
    }
}
