using AccountingSync.Batch.Retail;
using AccountingSync.DependencyInjection;
using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailConnector;

namespace PollingSync;

/// <summary>
/// The integration's host, as an app would configure it for polling: all sync state (checkpoints with the
/// watermark, deduplication, idempotency, dead letters) in one SQLite file, the books as the target, and a
/// named HTTP client for the store's API with the SDK's resilience (429 and <c>Retry-After</c> honoured) and
/// the store's API key.
/// </summary>
public static class PollingHost
{
    /// <summary>The name of the books' target and pipeline.</summary>
    public const string Books = "books";

    /// <summary>The name of the store API's HTTP client.</summary>
    public const string Store = "store";

    /// <summary>The stream name; the checkpoint holding the watermark is stored under it.</summary>
    public const string Stream = "store.invoices";

    /// <summary>Builds and starts the host.</summary>
    /// <param name="syncDatabase">The SQLite file for sync state; reopened as it is on a restart.</param>
    /// <param name="books">The target.</param>
    /// <param name="storeApi">The store API's base address.</param>
    /// <param name="apiKey">The store's API key.</param>
    /// <returns>The running host.</returns>
    public static async Task<IHost> StartAsync(string syncDatabase, SqlLedgerTarget books, Uri storeApi, string apiKey)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAccountingSync(sync => sync
            .UseSqlite(syncDatabase)
            .AddTarget(Books, _ => books, pipeline =>
            {
                pipeline.Parallelism = 4;
                pipeline.Lanes[0].BatchSize = 50;
            }));

        // Order matters: the key handler sits inside the resilience pipeline, so every retry carries it.
        builder.Services.AddHttpClient(Store, c => c.BaseAddress = storeApi)
            .AddAccountingSyncResilience(configure: o => o.Retry.Delay = TimeSpan.FromMilliseconds(100))
            .AddApiKey("X-Api-Key", apiKey);

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The polled stream: the store's invoice listing through the books' pipeline.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="retail">The retail rules, whose system names the store.</param>
    /// <returns>The job; poll it with <see cref="PollingJob.SyncNowAsync"/>.</returns>
    public static PollingJob CreateJob(IServiceProvider services, OnlineRetailOptions retail)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(Store);

        // Small pages, so even a short day pages several times and meets the store's throttling.
        var endpoint = RetailStoreApi.Invoices(retail.System) with { PageSize = 25 };
        return new PollingJob(
            services.GetRequiredService<ISyncPipelineProvider>().GetPipeline(Books),
            new HttpPollingSource(http, endpoint, Stream),
            new RetailInvoiceMapper(retail),
            new PollingScheduleOptions { Interval = TimeSpan.FromMinutes(5) });
    }
}
