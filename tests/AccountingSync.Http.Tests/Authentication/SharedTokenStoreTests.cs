using System.Threading.Channels;
using AccountingSync.Credentials;
using AccountingSync.Http.Authentication;
using AccountingSync.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.Authentication;

/// <summary>
/// Two token providers over one SQLite token file, as two processes of one app would run, against a token endpoint
/// that rotates the refresh token and refuses a retired one with invalid_grant.
/// </summary>
public sealed class SharedTokenStoreTests : IAsyncLifetime
{
    private const string Connection = "xero:tenant-1";
    private readonly FakeAuthorizationServer _server = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("accountingsync-tokens-").FullName;
    private readonly HttpClient _tokenClient = new();
    private SqliteSyncDatabase? _first;
    private SqliteSyncDatabase? _second;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(TestContext.Current.CancellationToken);
        var path = Path.Combine(_folder, "sync.db");
        _first = SqliteSyncDatabase.Open(path);
        _second = SqliteSyncDatabase.Open(path);
    }

    public async ValueTask DisposeAsync()
    {
        _tokenClient.Dispose();
        await _first!.DisposeAsync();
        await _second!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        await _server.DisposeAsync();
    }

    private OAuthTokenProvider Provider(ITokenStore store, TimeProvider time, ILogger<OAuthTokenProvider>? logger = null) =>
        new(_tokenClient, new OAuthClientOptions
        {
            TokenEndpoint = _server.TokenEndpoint, ClientId = FakeAuthorizationServer.ClientId,
            ClientSecret = FakeAuthorizationServer.ClientSecret, Grant = OAuthGrant.RefreshToken, Connection = Connection,
        }, store, time, logger);

    private async Task<string> SeedAsync(TimeProvider time)
    {
        var refresh = _server.IssueRefreshToken();
        await _first!.Tokens.SaveAsync(Connection, new OAuthTokens(
            "expired", refresh, time.GetUtcNow().AddMinutes(-5), null, time.GetUtcNow().AddHours(-1)),
            TestContext.Current.CancellationToken);
        return refresh;
    }

    [Fact]
    public async Task GetAccessTokenAsync_TwoProvidersOneStoreWhileOneRefreshes_OneRefreshAndBothGetItsToken()
    {
        var ct = TestContext.Current.CancellationToken;
        // Real time: the waiting provider polls the store on its clock while the other's request is held open.
        var seeded = await SeedAsync(TimeProvider.System);
        var waits = Channel.CreateUnbounded<string>();
        using var first = Provider(_first!.Tokens, TimeProvider.System);
        using var second = Provider(_second!.Tokens, TimeProvider.System, new LeaseLogger(waits.Writer));
        _server.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var firstToken = first.GetAccessTokenAsync(ct).AsTask();
        while (_server.TokenRequests == 0)
        {
            await Task.Yield();
        }

        var secondToken = second.GetAccessTokenAsync(ct).AsTask();
        var held = waits.Reader.ReadAsync(ct).AsTask();
        Assert.Equal("RefreshLeaseHeld", await held.WaitAsync(TimeSpan.FromSeconds(10), ct));
        _server.TokenGate.SetResult();

        Assert.Equal(await firstToken, await secondToken);
        Assert.True(_server.IsValid(await secondToken));
        Assert.Equal(1, _server.TokenRequests);
        var stored = await _second.Tokens.GetAsync(Connection, ct);
        Assert.NotEqual(seeded, stored!.RefreshToken);
    }

    [Fact]
    public async Task RenewAfterRejectionAsync_OtherProviderRotatedMeanwhile_AdoptsItsTokenWithoutSpendingTheOld()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await SeedAsync(time);
        using var first = Provider(_first!.Tokens, time);
        using var second = Provider(_second!.Tokens, time);
        var old = await first.GetAccessTokenAsync(ct);

        _server.ExpireAccessTokens();
        var renewed = await second.RenewAfterRejectionAsync(old, ct);
        var adopted = await first.RenewAfterRejectionAsync(old, ct);

        Assert.Equal(renewed, adopted);
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task GetAccessTokenAsync_LeaseOfACrashedHolderLapsed_RefreshesInItsPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await SeedAsync(time);
        Assert.True(await _first!.Tokens.TryAcquireRefreshLeaseAsync(
            Connection, "crashed", time.GetUtcNow().AddMinutes(-1), time.GetUtcNow().AddSeconds(-1), ct));
        using var second = Provider(_second!.Tokens, time);

        var token = await second.GetAccessTokenAsync(ct);

        Assert.True(_server.IsValid(token));
        Assert.Equal(1, _server.TokenRequests);
    }

    private sealed class LeaseLogger(ChannelWriter<string> events) : ILogger<OAuthTokenProvider>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 3104)
            {
                events.TryWrite(eventId.Name!);
            }
        }
    }
}
