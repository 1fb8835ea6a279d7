using AccountingSync.Batch.Nightly;
using AccountingSync.Batch.Retail;
using AccountingSync.Batch.Scheduling;
using AccountingSync.Http.Polling;
using AccountingSync.DependencyInjection;
using AccountingSync.Pipeline;
using AccountingSync.Resilience;
using AccountingSync.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailConnector;

namespace HybridSync;

/// <summary>
/// The integration's host, as an app would configure it: one SQLite file for all sync state, the books as the
/// target, lanes and routing rules from <c>appsettings.json</c>, and the three lanes on their schedules — the
/// store's Shopify-signed webhooks in real time, a poll of its API every 15 minutes as a safety net, and the
/// nightly repairing reconciliation of its export at 02:00.
/// </summary>
public static class SyncHost
{
    /// <summary>The name of the books' target and pipeline.</summary>
    public const string Books = "books";

    /// <summary>The name of the store's webhook endpoint and HTTP client.</summary>
    public const string Store = "store";

    /// <summary>Builds and starts the host on a free port of 127.0.0.1.</summary>
    /// <param name="output">The folder of the databases, the night's exports and the reports.</param>
    /// <param name="books">The target.</param>
    /// <param name="retail">The retail rules, whose system names the store.</param>
    /// <param name="webhookSecret">The store's webhook secret.</param>
    /// <param name="storeApi">The store API's base address.</param>
    /// <returns>The running host.</returns>
    public static async Task<WebApplication> StartAsync(
        string output, FlakyBooks books, OnlineRetailOptions retail, string webhookSecret, Uri storeApi)
    {
        var syncDatabase = Path.Combine(output, "sync.db");
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
                .ConfigureProcessing(o => o.PollInterval = TimeSpan.FromMilliseconds(250)))
            // The safety net: a poll of the store's API every 15 minutes (and at start), on the same pipeline.
            .AddPolling(polling => polling.AddEndpoint(
                Store,
                o =>
                {
                    o.BaseAddress = storeApi;
                    o.Endpoint = RetailStoreApi.Invoices(retail.System);
                    o.Schedule.Interval = TimeSpan.FromMinutes(15);
                },
                _ => new RetailInvoiceMapper(retail),
                Books)));

        // One request budget for the books, split between the lanes so a backlog never starves the real-time lane.
        builder.Services.AddKeyedSingleton(Books, new TargetRateLimiter(new TargetRateLimitOptions
        {
            Partition = Books, RequestsPerMinute = 60_000, MaxConcurrentRequests = 4,
        }));
        // The store's API for on-demand reads, behind the same resilience as the polls.
        builder.Services.AddHttpClient(Store, c => c.BaseAddress = storeApi)
            .AddAccountingSyncResilience(configure: o => o.Retry.Delay = TimeSpan.FromMilliseconds(100));

        // The nightly repair at 02:00 London time, one instance at a time under the scheduler's lease.
        builder.Services.AddSingleton(sp => new NightlyReconciliation(
            new NightlyReconciliationOptions
            {
                System = retail.System, ExportPath = night => ExportPath(output, night, retail.TimeZone), ReportDirectory = output,
                StagingConnectionString = $"Data Source={Path.Combine(output, "staging.db")}", TimeZone = retail.TimeZone,
            },
            new OnlineRetailMapper(retail), Pipeline(sp), books, sp.GetRequiredService<SyncStores>().DeadLetters,
            sp.GetService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => new BatchScheduler(
            [sp.GetRequiredService<NightlyReconciliation>().ToSchedule("0 2 * * *", retail.TimeZone)],
            new SqliteScheduleStore($"Data Source={Path.Combine(output, "jobs.db")}")));

        var app = builder.Build();
        app.MapAccountingSyncWebhooks("/webhooks");
        await app.StartAsync();
        return app;
    }

    /// <summary>Where the store drops the export of a night: <c>store-export-2010-12-08.csv</c>.</summary>
    /// <param name="output">The folder.</param>
    /// <param name="night">The night's instant.</param>
    /// <param name="zone">The zone whose calendar names the night.</param>
    /// <returns>The path.</returns>
    public static string ExportPath(string output, DateTimeOffset night, TimeZoneInfo zone) => Path.Combine(
        output, $"store-export-{DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(night, zone).DateTime):yyyy-MM-dd}.csv");

    private static SyncPipeline Pipeline(IServiceProvider services) =>
        services.GetRequiredService<ISyncPipelineProvider>().GetPipeline(Books);

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
