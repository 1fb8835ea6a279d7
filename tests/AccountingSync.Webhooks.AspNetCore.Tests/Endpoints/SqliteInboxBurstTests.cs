using System.Collections.Concurrent;
using System.Net;
using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Storage.Sqlite;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Endpoints;

/// <summary>
/// A burst against the endpoint with the storage package's SQLite inbox and pipeline stores in a real file
/// (synchronous = FULL): every 200 is on disk, and every event is processed exactly once.
/// </summary>
public sealed class SqliteInboxBurstTests : IDisposable
{
    private const int Deliveries = 10_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("webhooks-sqlite-").FullName;

    [Fact]
    public async Task Post_BurstWithRedeliveries_EveryAcknowledgedEventOnDiskAndProcessedOnce()
    {
        var path = Path.Combine(_folder, "sync.db");
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        await using (var host = await WebhookTestHost.StartAsync(
            w => w.AddStripe("stripe", o =>
                {
                    o.Secrets.Add(WebhookEndpointTests.StripeSecret);
                    o.Target = "books";
                })
                .UseMapper("stripe", sp => sp.GetRequiredService<ContactMapper>()),
            sync: s => s.UseSqlite(o =>
            {
                o.DatabasePath = path;
                o.Synchronous = SqliteSynchronousMode.Full;
            })))
        {
            // Every tenth delivery is sent twice, as providers do on a lost acknowledgement.
            var sends = Enumerable.Range(0, Deliveries).Concat(Enumerable.Range(0, Deliveries).Where(i => i % 10 == 0));
            await Parallel.ForEachAsync(
                sends,
                new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = TestContext.Current.CancellationToken },
                async (i, _) =>
                {
                    using var response = await WebhookEndpointTests.SendStripeAsync(
                        host, WebhookEndpointTests.StripeEvent($"evt_sqlite_{i}", $"in_sqlite_{i}"));
                    statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                });

            Assert.Equal(Deliveries + (Deliveries / 10), statuses.GetValueOrDefault(HttpStatusCode.OK));
            Assert.Single(statuses);
            await host.Target.WaitForWritesAsync(Deliveries, TimeSpan.FromSeconds(60));
            Assert.Equal(Deliveries, host.Target.WritesPerEntity.Count);
            Assert.All(host.Target.WritesPerEntity.Values, count => Assert.Equal(1, count));
        }

        // A fresh open of the file sees every acknowledged delivery, once.
        await using var reopened = SqliteSyncDatabase.Open(new SqliteStoreOptions { DatabasePath = path });
        var stored = await reopened.Inbox.ListAsync(new InboxQuery { Limit = 2 * Deliveries }, TestContext.Current.CancellationToken);
        Assert.Equal(Deliveries, stored.Count);
        Assert.Equal(Deliveries, stored.Select(e => e.EventId).Distinct().Count());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
