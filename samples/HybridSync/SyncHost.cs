using AccountingSync.Batch.Retail;
using AccountingSync.DependencyInjection;
using AccountingSync.Pipeline;
using AccountingSync.Resilience;
using AccountingSync.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailConnector;

namespace HybridSync;

/// <summary>
/// The integration's host, as an app would configure it: one SQLite file for all sync state, the books as the
/// target, a Shopify-signed webhook endpoint for the store, lanes and routing rules from <c>appsettings.json</c>,
/// and an HTTP client for the store's API with the SDK's resilience.
/// </summary>
public static class SyncHost
{
    /// <summary>The name of the books' target and pipeline.</summary>
    public const string Books = "books";

    /// <summary>The name of the store's webhook endpoint and HTTP client.</summary>
    public const string Store = "store";

    /// <summary>Builds and starts the host on a free port of 127.0.0.1.</summary>
    /// <param name="syncDatabase">The SQLite file for sync state.</param>
    /// <param name="books">The target.</param>
    /// <param name="retail">The retail rules, whose system names the store.</param>
    /// <param name="webhookSecret">The store's webhook secret.</param>
    /// <param name="storeApi">The store API's base address.</param>
    /// <returns>The running host.</returns>
    public static async Task<WebApplication> StartAsync(
        string syncDatabase, FlakyBooks books, OnlineRetailOptions retail, string webhookSecret, Uri storeApi)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var routing = builder.Configuration.GetSection("Routing").Get<RoutingOptions>() ?? new RoutingOptions();
        builder.Services.AddAccountingSync(sync => sync
            .UseSqlite(syncDatabase)
            .AddTarget(Books, _ => books, ConfigureLanes)
            .UseRouter(sp => new RuleRouter(routing, sp.GetRequiredService<IOptionsMonitor<SyncPipelineOptions>>().Get(Books)))
            .AddWebhooks(webhooks => webhooks
                .AddShopify(Store, o =>
                {
                    o.Secrets.Add(webhookSecret);
                    o.SourceSystem = retail.System;
                    o.Target = Books;
                })
                .UseMapper(Store, _ => new RetailInvoiceMapper(retail))
                .ConfigureProcessing(o => o.PollInterval = TimeSpan.FromMilliseconds(250))));

        // One request budget for the books, split between the lanes so a backlog never starves the real-time lane.
        builder.Services.AddKeyedSingleton(Books, new TargetRateLimiter(new TargetRateLimitOptions
        {
            Partition = Books, RequestsPerMinute = 60_000, MaxConcurrentRequests = 4,
        }));
        builder.Services.AddHttpClient(Store, c => c.BaseAddress = storeApi)
            .AddAccountingSyncResilience(configure: o => o.Retry.Delay = TimeSpan.FromMilliseconds(100));

        var app = builder.Build();
        app.MapAccountingSyncWebhooks("/webhooks");
        await app.StartAsync();
        return app;
    }

    private static void ConfigureLanes(SyncPipelineOptions options)
    {
        options.Parallelism = 4;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        options.MaxWriteAttempts = 8;
        options.Lanes[0].Name = "routine";
        options.Lanes[0].BatchSize = 50;
        options.Lanes[0].MaxWait = TimeSpan.FromMilliseconds(200);
        options.Lanes[0].RequestShare = 0.6;
        options.Lanes.Add(new LaneOptions { Name = "realtime", BatchSize = 1, RequestShare = 0.4 });
    }
}
