using AccountingSync.Conformance.Testing;
using AccountingSync.Credentials;
using AccountingSync.Http.Authentication;
using AccountingSync.Http.Polling;
using AccountingSync.Http.Tests.Authentication;
using AccountingSync.Pipeline;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>A Xero-shaped listing behind OAuth 2.0 whose access token is revoked while the client pages.</summary>
public sealed class AuthenticatedPollingTests : IAsyncLifetime
{
    private readonly FakeLedgerApi _api = new();
    private readonly FakeAuthorizationServer _auth = new();

    public async ValueTask InitializeAsync()
    {
        await _api.StartAsync(TestContext.Current.CancellationToken);
        await _auth.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _auth.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_TokenRevokedMidListing_RenewsWithRotationAndReadsEveryRecordOnce()
    {
        for (var i = 0; i < 230; i++)
        {
            _api.Upsert("r" + i);
        }

        var store = new InMemoryTokenStore();
        var ct = TestContext.Current.CancellationToken;
        var seeded = _auth.IssueRefreshToken();
        await store.SaveAsync("xero:t1", new OAuthTokens("none", seeded, DateTimeOffset.MinValue, null, DateTimeOffset.MinValue), ct);
        _api.AcceptsToken = _auth.IsValid;
        _api.OnPage = (_, _) =>
        {
            if (_api.Requests.Count == 2)
            {
                _auth.ExpireAccessTokens();
            }

            return null;
        };
        using var tokenClient = new HttpClient();
        using var tokens = new OAuthTokenProvider(tokenClient, new OAuthClientOptions
        {
            TokenEndpoint = _auth.TokenEndpoint, ClientId = FakeAuthorizationServer.ClientId,
            ClientSecret = FakeAuthorizationServer.ClientSecret, Grant = OAuthGrant.RefreshToken, Connection = "xero:t1",
        }, store);
        using var http = new HttpClient(new OAuthTokenHandler(tokens) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = _api.BaseAddress,
        };
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory());

        var result = await pipeline.RunAsync(
            new HttpPollingSource(http, XeroModifiedSince.Endpoint("Invoices", "InvoiceID")),
            new JsonInvoiceMapper("Total"), ct);

        Assert.Equal(230, result.Written);
        Assert.Equal(230, target.History.Select(h => h.Key).Distinct().Count());
        Assert.Equal(2, _auth.TokenRequests);
        var stored = await store.GetAsync("xero:t1", ct);
        Assert.NotEqual(seeded, stored!.RefreshToken);
    }
}
