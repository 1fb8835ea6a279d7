using AccountingSync.Credentials;

namespace AccountingSync.Http.Tests.Authentication;

/// <summary>
/// The refresh lease seen through two views of one store, as two processes see it; the single-view contract is in
/// <c>TokenStoreConformance</c>.
/// </summary>
public abstract class RefreshLeaseContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Opens two views of one store, as two processes would.</summary>
    protected abstract ValueTask<(ITokenStore First, ITokenStore Second)> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAcquireRefreshLeaseAsync_HeldByAnother_RefusedUntilItLapses()
    {
        var (a, b) = await OpenAsync();

        Assert.True(await a.TryAcquireRefreshLeaseAsync("xero:t", "A", Now, Now.AddSeconds(30), Ct));
        Assert.False(await b.TryAcquireRefreshLeaseAsync("xero:t", "B", Now.AddSeconds(29), Now.AddSeconds(59), Ct));
        Assert.True(await b.TryAcquireRefreshLeaseAsync("qbo:r", "B", Now, Now.AddSeconds(30), Ct));
        Assert.True(await a.TryAcquireRefreshLeaseAsync("xero:t", "A", Now.AddSeconds(10), Now.AddSeconds(40), Ct));
        Assert.False(await b.TryAcquireRefreshLeaseAsync("xero:t", "B", Now.AddSeconds(35), Now.AddSeconds(65), Ct));
        Assert.True(await b.TryAcquireRefreshLeaseAsync("xero:t", "B", Now.AddSeconds(40), Now.AddSeconds(70), Ct));
    }

    [Fact]
    public async Task ReleaseRefreshLeaseAsync_ByHolder_FreesIt_ByOthers_DoesNothing()
    {
        var (a, b) = await OpenAsync();
        Assert.True(await a.TryAcquireRefreshLeaseAsync("xero:t", "A", Now, Now.AddSeconds(30), Ct));

        await b.ReleaseRefreshLeaseAsync("xero:t", "B", Ct);
        Assert.False(await b.TryAcquireRefreshLeaseAsync("xero:t", "B", Now, Now.AddSeconds(30), Ct));

        await a.ReleaseRefreshLeaseAsync("xero:t", "A", Ct);
        Assert.True(await b.TryAcquireRefreshLeaseAsync("xero:t", "B", Now, Now.AddSeconds(30), Ct));
    }
}
