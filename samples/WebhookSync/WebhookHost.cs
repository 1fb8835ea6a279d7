using AccountingSync.Batch.Retail;
using AccountingSync.DependencyInjection;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailConnector;

namespace WebhookSync;

/// <summary>
/// The integration's web host, as an app would configure it for webhooks: a Shopify-signed endpoint for the
/// store whose deliveries are verified, then stored in a durable inbox (SQLite, beside every other piece of sync
/// state) and acknowledged; a background processor maps the stored events and runs them through the books'
/// pipeline, where deduplication and idempotency absorb retries, echoes and reordering.
/// </summary>
public static class WebhookHost
{
    /// <summary>The name of the books' target and pipeline.</summary>
    public const string Books = "books";

    /// <summary>The name of the store's webhook endpoint: deliveries go to <c>/webhooks/store</c>.</summary>
    public const string Store = "store";

    /// <summary>Builds and starts the host on a free port of 127.0.0.1.</summary>
    /// <param name="syncDatabase">The SQLite file for sync state and the inbox.</param>
    /// <param name="books">The target.</param>
    /// <param name="retail">The retail rules, whose system names the store.</param>
    /// <param name="secret">The store's webhook secret.</param>
    /// <returns>The running host.</returns>
    public static async Task<WebApplication> StartAsync(
        string syncDatabase, SqlLedgerTarget books, OnlineRetailOptions retail, string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAccountingSync(sync => sync
            .UseSqlite(syncDatabase)
            .AddTarget(Books, _ => books, pipeline =>
            {
                pipeline.Parallelism = 4;
                pipeline.Lanes[0].BatchSize = 50;
                pipeline.Lanes[0].MaxWait = TimeSpan.FromMilliseconds(100);
            })
            .AddWebhooks(webhooks => webhooks
                .AddShopify(Store, o =>
                {
                    o.Secrets.Add(secret);
                    o.SourceSystem = retail.System;
                    o.Target = Books;
                })
                .UseMapper(Store, _ => new RetailInvoiceMapper(retail))
                .ConfigureProcessing(o => o.PollInterval = TimeSpan.FromMilliseconds(200))));

        var app = builder.Build();
        app.MapAccountingSyncWebhooks("/webhooks");
        await app.StartAsync();
        return app;
    }
}
