using AccountingSync.Conformance.Testing;
using AccountingSync.Credentials;
using AccountingSync.DependencyInjection;
using AccountingSync.Http.Authentication;
using AccountingSync.Http.Polling;
using AccountingSync.Http.Tests.Authentication;
using AccountingSync.Http.Tests.Polling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.DependencyInjection;

/// <summary>AddPolling in a real host against the fake provider and token endpoint on Kestrel.</summary>
public sealed class AddPollingTests : IAsyncLifetime
{
    private readonly FakeLedgerApi _api = new();
    private readonly FakeAuthorizationServer _auth = new();
    private readonly RecordingTarget _target = new();
    private readonly InMemoryTokenStore _tokens = new();

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

    private IHost Build(
        Action<AccountingSync.Http.DependencyInjection.PollingBuilder> polling, bool tokenStore = true, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));
        if (tokenStore)
        {
            builder.Services.AddSingleton<ITokenStore>(_tokens);
        }

        builder.Services.AddAccountingSync(sync => sync
            .AddTarget("books", _ => _target)
            .AddPolling(polling));
        return builder.Build();
    }

    private void Xero(PollingEndpointOptions o)
    {
        o.BaseAddress = _api.BaseAddress;
        o.Endpoint = XeroModifiedSince.Endpoint("Invoices", "InvoiceID");
        o.Schedule.Interval = TimeSpan.FromMinutes(10);
    }

    private void OAuth(OAuthClientOptions o)
    {
        o.TokenEndpoint = _auth.TokenEndpoint;
        o.ClientId = FakeAuthorizationServer.ClientId;
        o.ClientSecret = FakeAuthorizationServer.ClientSecret;
        o.Grant = OAuthGrant.RefreshToken;
        o.Connection = "xero:tenant-1";
    }

    [Fact]
    public async Task AddPolling_ScheduledPollThenSyncNow_ShareTheCheckpointAndReadEachRecordOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 150; i++)
        {
            _api.Upsert("r" + i);
        }

        await _tokens.SaveAsync("xero:tenant-1", new OAuthTokens(
            "none", _auth.IssueRefreshToken(), DateTimeOffset.MinValue, null, DateTimeOffset.MinValue), ct);
        _api.AcceptsToken = _auth.IsValid;
        using var host = Build(p => p
            .AddEndpoint("xero-invoices", Xero, _ => new JsonInvoiceMapper("Total"), target: "books")
            .WithOAuth(OAuth));

        await host.StartAsync(ct);
        var jobs = host.Services.GetRequiredService<IPollingJobs>();
        // Joins the scheduled first poll, or follows it: either way every record listed so far is committed.
        await jobs.SyncNowAsync("xero-invoices", ct);
        Assert.Equal(150, _target.History.Select(h => h.Key).Distinct().Count());

        _api.Upsert("r3", total: 99m);
        _api.Upsert("new-1");
        // The schedule's first poll may still be queued behind this test's first call; whichever poll reads the two
        // changes, the shared checkpoint means each version reaches the target exactly once.
        var result = await jobs.SyncNowAsync("xero-invoices", ct);
        await host.StopAsync(ct);

        Assert.Equal(["xero-invoices"], jobs.Names);
        Assert.Equal("xero-invoices", result.Stream);
        Assert.Equal(152, _target.History.Count);
        Assert.Equal(151, _target.History.Select(h => h.Entity).Distinct().Count());
        Assert.Equal(1, _auth.TokenRequests);
        Assert.NotEqual("none", (await _tokens.GetAsync("xero:tenant-1", ct))!.AccessToken);
    }

    [Fact]
    public async Task AddPolling_ApiKey_SentInTheHeaderOfEveryPage()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 120; i++)
        {
            _api.Upsert("r" + i);
        }

        var keys = new List<string>();
        _api.OnPage = (context, _) =>
        {
            lock (keys) { keys.Add(context.Request.Headers["X-Api-Key"].ToString()); }
            return null;
        };
        using var host = Build(p => p
            .AddEndpoint("shop", Xero, _ => new JsonInvoiceMapper("Total"), target: "books")
            .WithApiKey(o => o.Key = "key-123"));

        await host.StartAsync(ct);
        // The scheduled first poll or its follow-up: either way the listing is committed when it returns.
        await host.Services.GetRequiredService<IPollingJobs>().SyncNowAsync("shop", ct);
        await host.StopAsync(ct);

        Assert.Equal(120, _target.History.Select(h => h.Key).Distinct().Count());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal("key-123", k));
    }

    [Fact]
    public async Task WithResilience_FewerAttempts_AppliesToThatEndpointOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        _api.Upsert("r1");
        var served = new Dictionary<string, int>();
        _api.OnPage = (context, _) =>
        {
            var key = context.Request.Headers["X-Api-Key"].ToString();
            lock (served)
            {
                served[key] = served.GetValueOrDefault(key) + 1;
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        };
        // The host is not started, so no scheduled poll adds requests; each endpoint is polled once, by hand. The
        // real clock: were the settings ignored, the default backoff would have to elapse, not stall a fake clock.
        using var host = Build(time: TimeProvider.System, polling: p =>
        {
            p.AddEndpoint("strict", Xero, _ => new JsonInvoiceMapper("Total"), target: "books")
                .WithApiKey(o => o.Key = "strict")
                .WithResilience(o =>
                {
                    o.Retry.MaxRetryAttempts = 1;
                    o.Retry.Delay = TimeSpan.Zero;
                });
            p.AddEndpoint("patient", Xero, _ => new JsonInvoiceMapper("Total"), target: "books")
                .WithApiKey(o => o.Key = "patient")
                .WithResilience(o =>
                {
                    o.Retry.MaxRetryAttempts = 4;
                    o.Retry.Delay = TimeSpan.Zero;
                });
        });
        var jobs = host.Services.GetRequiredService<IPollingJobs>();

        await Assert.ThrowsAsync<PollingPageException>(() => jobs.SyncNowAsync("strict", ct));
        await Assert.ThrowsAsync<PollingPageException>(() => jobs.SyncNowAsync("patient", ct));

        Assert.Equal(2, served["strict"]);
        Assert.Equal(5, served["patient"]);
        Assert.Empty(_target.History);
    }

    [Fact]
    public async Task AddPolling_BadSettings_HostFailsAtStartNamingEachSetting()
    {
        using var host = Build(
            p => p
                .AddEndpoint("shop", o =>
                {
                    Xero(o);
                    o.Schedule.Interval = TimeSpan.FromSeconds(20);
                }, _ => new JsonInvoiceMapper("Total"), target: "ledger"));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var errors = thrown is AggregateException all ? all.InnerExceptions : [thrown];
        Assert.All(errors, e => Assert.IsType<OptionsValidationException>(e));
        var message = string.Join("\n", errors.Select(e => e.Message));
        Assert.Contains("PollingScheduleOptions[shop].Interval must be between 1 and 60 minutes", message, StringComparison.Ordinal);
        Assert.Contains("PollingEndpointOptions[shop].Target names 'ledger'", message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task AddPolling_RefreshGrantWithoutStore_HostFailsAtStartNamingTheGrant()
    {
        using var host = Build(
            p => p.AddEndpoint("shop", Xero, _ => new JsonInvoiceMapper("Total"), target: "books")
                .WithOAuth(o => o.Grant = OAuthGrant.RefreshToken),
            tokenStore: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("OAuthClientOptions[shop].Grant RefreshToken needs a durable ITokenStore", error.Message, StringComparison.Ordinal);
        Assert.Contains("OAuthClientOptions[shop].ClientId is required.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task AddPolling_IdListing_DeletesWhatTheProviderNoLongerListsThroughTheTargetPipeline()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 20; i++)
        {
            _api.Upsert($"r{i:D2}");
        }

        var deletes = new List<string>();
        _target.AfterApply = write =>
        {
            if (write.Operation == AccountingSync.Connectors.ChangeOperation.Delete)
            {
                lock (deletes) { deletes.Add(write.Document.Source.Id); }
            }

            return ValueTask.CompletedTask;
        };
        using var host = Build(p => p.AddEndpoint("shop", o =>
        {
            Xero(o);
            o.Endpoint = o.Endpoint! with
            {
                IdListing = new PollingIdListing
                {
                    Path = "api.xro/2.0/InvoiceIds", ItemsPath = "Ids", Pagination = PollingPagination.Page,
                    Every = TimeSpan.FromMinutes(30),
                },
            };
        }, _ => new DeletingInvoiceMapper(), target: "books"));
        var time = (FakeTimeProvider)host.Services.GetRequiredService<TimeProvider>();

        await host.StartAsync(ct);
        var jobs = host.Services.GetRequiredService<IPollingJobs>();
        await jobs.SyncNowAsync("shop", ct);
        _api.Remove("r07");
        time.Advance(TimeSpan.FromMinutes(31));
        await jobs.SyncNowAsync("shop", ct);
        await host.StopAsync(ct);

        Assert.Equal(["r07"], deletes);
    }

    [Fact]
    public async Task AddSource_HostsOwnSource_PolledOnDemandThroughTheTargetPipeline()
    {
        var ct = TestContext.Current.CancellationToken;
        var changes = Enumerable.Range(1, 5).Select(i => new TestRecord($"c{i}", 1, 10m * i).ToChange()).ToList();
        using var host = Build(p => p.AddSource(
            "shop-api", _ => new ListSource("shop.orders", changes), _ => new TestRecordMapper(), target: "books",
            schedule: s => s.Interval = TimeSpan.FromMinutes(30)));

        await host.StartAsync(ct);
        var result = await host.Services.GetRequiredService<IPollingJobs>().SyncNowAsync("shop-api", ct);
        await host.StopAsync(ct);

        Assert.Equal("shop.orders", result.Stream);
        Assert.Equal(5, _target.History.Select(h => h.Entity).Distinct().Count());
        Assert.Equal(TimeSpan.FromMinutes(30), host.Services.GetRequiredService<IPollingJobs>().Get("shop-api").Schedule.Interval);
    }

    [Fact]
    public async Task SyncNowAsync_UnknownName_ThrowsNamingIt()
    {
        using var host = Build(p => p.AddEndpoint("shop", Xero, _ => new JsonInvoiceMapper("Total"), target: "books"));

        var jobs = host.Services.GetRequiredService<IPollingJobs>();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => jobs.SyncNowAsync("nope", TestContext.Current.CancellationToken));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
