using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Benchmarks.Webhooks.Load;

/// <summary>
/// The servers of the webhook load comparison, driven by wrk on 127.0.0.1 (see run-load.sh):
/// <c>bare</c> reads the body and checks a Shopify HMAC, nothing else; <c>sdk</c> is the SDK's Shopify endpoint
/// with a durable SQLite inbox and group commit; <c>sdk-single</c> is the same with one transaction per request;
/// <c>sdk-memory</c> uses the in-memory inbox, to tell the endpoint's own cost from the store's;
/// <c>sdk-nogather</c> is <c>sdk</c> committing whatever is queued at once (<c>MaxGatherDelay = 0</c>);
/// <c>sdk-normal</c> is <c>sdk</c> with <c>synchronous=NORMAL</c> (no sync per commit: safe against a process
/// crash, not a power cut), to show what the sync itself costs; <c>sdk-grouped</c> is <c>sdk</c> on SQLite's
/// grouped sync (as durable as <c>sdk</c>: a commit is synced before its 2xx, but the next batch commits while
/// one is being synced).
/// </summary>
internal static class WebhookLoadServer
{
    public const string Secret = "shpss_load_test_secret";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine(
                "usage: webhook-load <bare|sdk|sdk-grouped|sdk-nogather|sdk-normal|sdk-single|sdk-memory> <port> <sqlite-file>");
            return 2;
        }

        var (mode, port, database) = (args[0], args[1], args[2]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        // The storage package's inbox, with every commit on disk before its 2xx except in sdk-normal.
        await using var sync = SqliteSyncDatabase.Open(new SqliteStoreOptions
        {
            DatabasePath = database,
            Synchronous = mode switch
            {
                "sdk-normal" => SqliteSynchronousMode.Normal,
                "sdk-grouped" => SqliteSynchronousMode.Grouped,
                _ => SqliteSynchronousMode.Full,
            },
        });
        var store = sync.Inbox;
        WebApplication app;
        if (mode == "bare")
        {
            app = builder.Build();
            var key = Encoding.UTF8.GetBytes(Secret);
            app.MapPost("/webhooks/shop", async context =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                var mac = HMACSHA256.HashData(key, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                var sent = Convert.FromBase64String(context.Request.Headers["X-Shopify-Hmac-Sha256"].ToString());
                context.Response.StatusCode = CryptographicOperations.FixedTimeEquals(mac, sent) ? 200 : 401;
            });
        }
        else
        {
            if (mode != "sdk-memory")
            {
                builder.Services.AddSingleton<IInboxStore>(store);
            }

            builder.Services.AddAccountingSync(s => s.AddWebhooks(w => w
                .AddShopify("shop", o => o.Secrets.Add(Secret))
                .ConfigureInbox(i =>
                {
                    i.MaxBatchSize = mode == "sdk-single" ? 1 : 512;
                    if (mode == "sdk-nogather")
                    {
                        i.MaxGatherDelay = TimeSpan.Zero;
                    }
                })
                .ConfigureProcessing(p => p.Enabled = false)));
            app = builder.Build();
            app.MapAccountingSyncWebhooks("/webhooks");
        }

        // How many deliveries each inbox commit carried, from the SDK's own histogram.
        long commits = 0, committed = 0, small = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "accountingsync.webhooks.inbox.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref committed, size);
            if (size < 8)
            {
                Interlocked.Increment(ref small);
            }
        });
        listener.Start();
        await app.StartAsync();
        Console.WriteLine($"listening {mode} on {port}");

        // Runs until stdin closes, so the driving script stops it by closing the pipe.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();

        // Disposing the host waits for the inbox writer's last batch before the store is read and closed.
        await app.DisposeAsync();
        var stored = await store.ListAsync(new InboxQuery { Limit = int.MaxValue }, CancellationToken.None);
        Console.WriteLine(
            $"stored {stored.Count} events in {commits} commits, {(commits == 0 ? 0 : committed / commits)} per commit "
            + $"on average, {(commits == 0 ? 0 : small * 100 / commits)} % of commits under 8");
        return 0;
    }
}
