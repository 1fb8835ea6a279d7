using System.Collections.Concurrent;
using System.Net;
using AccountingSync.Conformance;
using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Storage.PostgreSql;
using AccountingSync.Storage.Sqlite;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountingSync.Webhooks.Tests.Endpoints;

/// <summary>
/// Bursts with redeliveries against the endpoint with the storage packages' inbox and pipeline stores: a real
/// SQLite file (synchronous = FULL) and a real PostgreSQL server. Every 200 is durable (a fresh open of the store
/// sees it) and every event is written to the target exactly once.
/// </summary>
public sealed class DurableInboxBurstTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webhooks-sqlite-").FullName;

    [Fact]
    public async Task Post_BurstWithRedeliveriesOnSqlite_EveryAcknowledgedEventOnDiskAndWrittenOnce()
    {
        var path = Path.Combine(_folder, "sync.db");
        const int deliveries = 10_000;

        await BurstAsync(deliveries, s => s.UseSqlite(o =>
        {
            o.DatabasePath = path;
            o.Synchronous = SqliteSynchronousMode.Full;
        }));

        await using var reopened = SqliteSyncDatabase.Open(new SqliteStoreOptions { DatabasePath = path });
        await AssertStoredOnceAsync(reopened.Inbox, deliveries);
    }

    [Fact]
    public async Task Post_BurstWithRedeliveriesOnPostgreSql_EveryAcknowledgedEventStoredAndWrittenOnce()
    {
        var connectionString = PostgresTestServer.Require();
        var schema = "webhooks_" + Guid.NewGuid().ToString("N")[..12];
        const int deliveries = 3_000;
        await using var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await BurstAsync(deliveries, s => s.UsePostgreSql(o =>
            {
                o.ConnectionString = connectionString;
                o.Schema = schema;
            }));

            await using var reopened = await PostgreSqlSyncDatabase.OpenAsync(
                source, schema, cancellationToken: TestContext.Current.CancellationToken);
            await AssertStoredOnceAsync(reopened.Inbox, deliveries);
        }
        finally
        {
            await using var drop = source.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task BurstAsync(int deliveries, Action<AccountingSyncBuilder> store)
    {
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        await using var host = await WebhookTestHost.StartAsync(
            w => w.AddStripe("stripe", o =>
                {
                    o.Secrets.Add(WebhookEndpointTests.StripeSecret);
                    o.Target = "books";
                })
                .UseMapper("stripe", sp => sp.GetRequiredService<ContactMapper>()),
            sync: store);

        // Every tenth delivery is sent twice, as providers do on a lost acknowledgement.
        var sends = Enumerable.Range(0, deliveries).Concat(Enumerable.Range(0, deliveries).Where(i => i % 10 == 0));
        await Parallel.ForEachAsync(
            sends,
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) =>
            {
                using var response = await WebhookEndpointTests.SendStripeAsync(
                    host, WebhookEndpointTests.StripeEvent($"evt_durable_{i}", $"in_durable_{i}"));
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            });

        Assert.Equal(deliveries + (deliveries / 10), statuses.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Single(statuses);
        await host.Target.WaitForWritesAsync(deliveries, TimeSpan.FromSeconds(60));
        Assert.Equal(deliveries, host.Target.WritesPerEntity.Count);
        Assert.All(host.Target.WritesPerEntity.Values, count => Assert.Equal(1, count));
    }

    private static async Task AssertStoredOnceAsync(IInboxStore inbox, int deliveries)
    {
        var stored = await inbox.ListAsync(new InboxQuery { Limit = 2 * deliveries }, TestContext.Current.CancellationToken);
        Assert.Equal(deliveries, stored.Count);
        Assert.Equal(deliveries, stored.Select(e => e.EventId).Distinct().Count());
    }
}
