using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Conformance;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>
/// Several pipeline hosts, each with its own connection pool, share one PostgreSQL schema and one target;
/// their sources overlap, so the same records reach several hosts at once.
/// </summary>
public sealed class MultiHostPipelineTests(PostgresTestSchemas schemas) : IClassFixture<PostgresTestSchemas>
{
    private const int Records = 300;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ThreeHostsWithOverlappingSources_WriteEveryRecordExactlyOnce()
    {
        var schema = schemas.NewSchema();
        var ledger = new SharedLedger();
        var ranges = new[] { (0, 200), (100, 300), (0, 300) };

        var results = await Task.WhenAll(ranges.Select(async (range, host) =>
        {
            await using var source = NpgsqlDataSource.Create(PostgresTestServer.Require());
            var database = await PostgreSqlSyncDatabase.OpenAsync(source, schema, cancellationToken: Token);
            await using var pipeline = NewPipeline(new LedgerConnector(ledger), database);
            var result = await pipeline.RunAsync(new RangeSource($"host-{host}", range.Item1, range.Item2), new Mapper(), Token);
            await pipeline.StopAsync();
            return result;
        }));

        Assert.Equal(700, results.Sum(r => r.Read));
        await AssertExactlyOnceAsync(schema, ledger);
    }

    [Fact]
    public async Task DisposeAsync_HostKilledMidRun_RerunLosesNothing()
    {
        var schema = schemas.NewSchema();
        var ledger = new SharedLedger();
        await using var source = NpgsqlDataSource.Create(PostgresTestServer.Require());
        var database = await PostgreSqlSyncDatabase.OpenAsync(source, schema, cancellationToken: Token);

        var frozen = new LedgerConnector(ledger, holdAfterCalls: 120);
        var killed = NewPipeline(frozen, database);
        var run = killed.RunAsync(new RangeSource("host-0", 0, Records), new Mapper(), Token);
        var peer = NewPipeline(new LedgerConnector(ledger), database);
        var peerRun = peer.RunAsync(new RangeSource("host-1", 150, Records), new Mapper(), Token);
        await frozen.Held.WaitAsync(Token);
        await killed.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await peerRun;
        await peer.StopAsync();
        await peer.DisposeAsync();
        Assert.True(ledger.Books.Count < Records, "The killed host should have stopped before the end.");

        // The restarted host opens the schema afresh and resumes from the checkpoint the killed one saved.
        var restarted = await PostgreSqlSyncDatabase.OpenAsync(source, schema, cancellationToken: Token);
        await using (var rerun = NewPipeline(new LedgerConnector(ledger), restarted))
        {
            await rerun.RunAsync(new RangeSource("host-0", 0, Records), new Mapper(), Token);
            await rerun.StopAsync();
        }

        await AssertExactlyOnceAsync(schema, ledger);
    }

    private static SyncPipeline NewPipeline(ITargetConnector target, PostgreSqlSyncDatabase database)
    {
        var options = new SyncPipelineOptions { Parallelism = 2, CheckpointEvery = 25 };
        options.Lanes[0].BatchSize = 10;
        options.Lanes[0].MaxWait = TimeSpan.FromMilliseconds(5);
        return new SyncPipeline(target, database.Stores, options);
    }

    private async Task AssertExactlyOnceAsync(string schema, SharedLedger ledger)
    {
        // One entry per record in the books, and every outcome committed with the id the books hold.
        Assert.Equal(Records, ledger.Books.Count);
        Assert.Equal(Records, ledger.Books.Values.Select(v => v.EntityId).Distinct().Count());
        var database = await schemas.OpenAsync(schema);
        foreach (var (key, entry) in ledger.Books)
        {
            var committed = await database.Idempotency.FindAsync(key, Token);
            Assert.NotNull(committed);
            Assert.Equal(entry.TargetId, committed.TargetId);
        }

        Assert.Equal(0, await database.DeadLetters.CountAsync(Token));
    }

    private sealed class RangeSource(string name, int from, int to) : ISourceConnector
    {
        public string Name => name;

        public SourceCapabilities Capabilities { get; } = new(SourceFeatures.ChangeFeed);

        public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
            string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var start = cursor is null ? from : int.Parse(cursor, CultureInfo.InvariantCulture) + 1;
            for (var i = start; i < to; i++)
            {
                var id = i.ToString(CultureInfo.InvariantCulture);
                yield return new SourceChange
                {
                    Entity = new SourceIdentity("shop", "customer", "m" + id),
                    Version = SourceVersion.FromSequence(7),
                    EventId = "evt-" + id,
                    Payload = "Customer " + id,
                    Cursor = id,
                };
            }

            await Task.CompletedTask;
        }
    }

    private sealed class Mapper : IRecordMapper
    {
        public MappingResult Map(SourceChange change) =>
            MappingResult.Mapped(new Contact { Source = change.Entity, Version = change.Version, Name = (string)change.Payload! });
    }
}
