using System.Net;
using AccountingSync.Credentials;
using AccountingSync.Http.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.Authentication;

/// <summary>OAuth 2.0 handlers against a real token endpoint and API on Kestrel; the client's clock is fake.</summary>
public sealed class OAuthTokenHandlerTests : IAsyncLifetime
{
    private const string Connection = "xero:tenant-1";
    private readonly FakeAuthorizationServer _server = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryTokenStore _store = new();
    private readonly HttpClient _tokenClient = new();

    public async ValueTask InitializeAsync() => await _server.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _tokenClient.Dispose();
        await _server.DisposeAsync();
    }

    private OAuthTokenProvider Provider(OAuthGrant grant) => new(
        _tokenClient,
        new OAuthClientOptions
        {
            TokenEndpoint = _server.TokenEndpoint, ClientId = FakeAuthorizationServer.ClientId,
            ClientSecret = FakeAuthorizationServer.ClientSecret, Grant = grant, Connection = Connection,
        },
        _store, _time);

    private HttpClient Api(OAuthTokenProvider provider) =>
        new(new OAuthTokenHandler(provider) { InnerHandler = new HttpClientHandler() }) { BaseAddress = _server.BaseAddress };

    private async Task SeedRefreshTokenAsync() => await _store.SaveAsync(
        Connection,
        new OAuthTokens("stale", _server.IssueRefreshToken(), _time.GetUtcNow().AddMinutes(-1), null, _time.GetUtcNow().AddHours(-1)),
        TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> GetAsync(HttpClient client) =>
        client.GetAsync(new Uri("api/data", UriKind.Relative), TestContext.Current.CancellationToken);

    [Fact]
    public async Task GetAccessTokenAsync_ClientCredentials_CachedUntilShortlyBeforeExpiry()
    {
        using var provider = Provider(OAuthGrant.ClientCredentials);
        using var api = Api(provider);

        (await GetAsync(api)).EnsureSuccessStatusCode();
        (await GetAsync(api)).EnsureSuccessStatusCode();
        Assert.Equal(1, _server.TokenRequests);

        _time.Advance(TimeSpan.FromMinutes(59.5));
        (await GetAsync(api)).EnsureSuccessStatusCode();
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ConcurrentCallers_ShareOneRenewal()
    {
        await SeedRefreshTokenAsync();
        using var provider = Provider(OAuthGrant.RefreshToken);
        using var api = Api(provider);
        _server.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 20).Select(_ => GetAsync(api)).ToList();
        while (_server.TokenRequests == 0)
        {
            await Task.Yield();
        }

        _server.TokenGate.SetResult();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _server.TokenRequests);
    }

    [Fact]
    public async Task RequestAsync_RotatedRefreshToken_IsStoredBeforeTheNewAccessTokenIsUsed()
    {
        await SeedRefreshTokenAsync();
        var original = (await _store.GetAsync(Connection, TestContext.Current.CancellationToken))!.RefreshToken;
        OAuthTokens? storedAtFirstUse = null;
        _server.OnApiRequest = _ => storedAtFirstUse ??= _store.GetAsync(Connection, CancellationToken.None).AsTask().Result;
        using var provider = Provider(OAuthGrant.RefreshToken);
        using var api = Api(provider);

        (await GetAsync(api)).EnsureSuccessStatusCode();

        Assert.NotNull(storedAtFirstUse);
        Assert.NotEqual(original, storedAtFirstUse!.RefreshToken);
        Assert.StartsWith("rt-", storedAtFirstUse.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow().AddSeconds(8_726_400), storedAtFirstUse.RefreshTokenExpiresAt);

        // A restart reads the rotated token from the store and can still refresh.
        _time.Advance(TimeSpan.FromHours(2));
        using var restarted = Provider(OAuthGrant.RefreshToken);
        using var api2 = Api(restarted);
        (await GetAsync(api2)).EnsureSuccessStatusCode();
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task SendAsync_TokenRevokedByProvider_RenewsOnceAndRetriesOnce()
    {
        using var provider = Provider(OAuthGrant.ClientCredentials);
        using var api = Api(provider);
        (await GetAsync(api)).EnsureSuccessStatusCode();
        _server.ExpireAccessTokens();

        var response = await GetAsync(api);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.TokenRequests);
        Assert.Equal(3, _server.ApiRequests);
    }

    [Fact]
    public async Task SendAsync_ProviderRefusesEveryToken_ReturnsTheSecond401WithoutLooping()
    {
        using var provider = Provider(OAuthGrant.ClientCredentials);
        using var api = Api(provider);
        _server.RefuseAll = true;

        var response = await GetAsync(api);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, _server.ApiRequests);
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task GetAccessTokenAsync_RetiredRefreshToken_ThrowsTypedErrorWithoutSecrets()
    {
        await _store.SaveAsync(Connection, new OAuthTokens("stale", "rt-retired", _time.GetUtcNow(), null, _time.GetUtcNow()),
            TestContext.Current.CancellationToken);
        using var provider = Provider(OAuthGrant.RefreshToken);

        var error = await Assert.ThrowsAsync<OAuthTokenException>(
            () => provider.GetAccessTokenAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("invalid_grant", error.Error);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.DoesNotContain("rt-retired", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAuthorizationServer.ClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuthAuthentication_InsideResilience_RenewsOnRevokedTokenThroughTheFactoryClient()
    {
        using var provider = Provider(OAuthGrant.ClientCredentials);
        await using var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddHttpClient("xero", c => c.BaseAddress = _server.BaseAddress)
            .AddAccountingSyncResilience()
            .AddOAuthAuthentication(_ => provider).Services
            .BuildServiceProvider();
        var api = services.GetRequiredService<IHttpClientFactory>().CreateClient("xero");
        (await GetAsync(api)).EnsureSuccessStatusCode();
        _server.ExpireAccessTokens();

        var response = await GetAsync(api);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task SendAsync_ApiKeyInHeaderOrQuery_ReachesTheProvider()
    {
        using var header = new HttpClient(new ApiKeyHandler("X-Api-Key", "k1") { InnerHandler = new Echo() });
        using var query = new HttpClient(new ApiKeyHandler("api_key", "k 2", ApiKeyLocation.Query) { InnerHandler = new Echo() });

        var byHeader = await header.GetAsync(new Uri("http://127.0.0.1/x?a=1"), TestContext.Current.CancellationToken);
        var byQuery = await query.GetAsync(new Uri("http://127.0.0.1/x?a=1"), TestContext.Current.CancellationToken);

        Assert.Equal("k1", byHeader.RequestMessage!.Headers.GetValues("X-Api-Key").Single());
        Assert.Equal("?a=1&api_key=k%202", byQuery.RequestMessage!.RequestUri!.Query);
    }

    private sealed class Echo : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
    }
}
