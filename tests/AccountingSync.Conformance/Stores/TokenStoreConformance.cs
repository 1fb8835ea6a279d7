using AccountingSync.Credentials;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="ITokenStore"/> must meet.</summary>
public abstract class TokenStoreConformance : StoreConformance<ITokenStore>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_NothingSaved_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetAsync("xero:tenant-1", Token));
    }

    [Fact]
    public async Task SaveAsync_RotatedRefreshToken_SurvivesReopenAndReplacesTheOld()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync("qbo:realm", new OAuthTokens("access-1", "refresh-1", At.AddHours(1), At.AddDays(100), At), Token);
        await store.SaveAsync("qbo:realm", new OAuthTokens("access-2", "refresh-2", At.AddHours(2), null, At.AddHours(1)), Token);
        store = await ReopenAsync(store);

        var tokens = await store.GetAsync("qbo:realm", Token);
        Assert.Equal("access-2", tokens!.AccessToken);
        Assert.Equal("refresh-2", tokens.RefreshToken);
        Assert.Equal(At.AddHours(2), tokens.AccessTokenExpiresAt);
        Assert.Null(tokens.RefreshTokenExpiresAt);
        Assert.Equal(At.AddHours(1), tokens.IssuedAt);
        Assert.Null(await store.GetAsync("xero:tenant-1", Token));
    }

    [Fact]
    public async Task TryAcquireRefreshLeaseAsync_HeldByAnother_RefusedUntilItLapsesOrIsReleased()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.TryAcquireRefreshLeaseAsync("xero:t", "A", At, At.AddSeconds(30), Token));
        Assert.False(await store.TryAcquireRefreshLeaseAsync("xero:t", "B", At.AddSeconds(29), At.AddSeconds(59), Token));
        Assert.True(await store.TryAcquireRefreshLeaseAsync("qbo:r", "B", At, At.AddSeconds(30), Token));
        Assert.True(await store.TryAcquireRefreshLeaseAsync("xero:t", "A", At.AddSeconds(10), At.AddSeconds(40), Token));
        Assert.False(await store.TryAcquireRefreshLeaseAsync("xero:t", "B", At.AddSeconds(35), At.AddSeconds(65), Token));
        await store.ReleaseRefreshLeaseAsync("xero:t", "B", Token);
        Assert.False(await store.TryAcquireRefreshLeaseAsync("xero:t", "B", At.AddSeconds(36), At.AddSeconds(66), Token));
        Assert.True(await store.TryAcquireRefreshLeaseAsync("xero:t", "B", At.AddSeconds(40), At.AddSeconds(70), Token));
        await store.ReleaseRefreshLeaseAsync("xero:t", "B", Token);
        Assert.True(await store.TryAcquireRefreshLeaseAsync("xero:t", "A", At.AddSeconds(41), At.AddSeconds(71), Token));
    }
}
