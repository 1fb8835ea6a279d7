using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Conformance;
using AccountingSync.Storage.PostgreSql;

namespace AccountingSync.Batch.PostgreSql.Tests;

/// <summary>What only the PostgreSQL store has: its schema's versioning, sharing, errors, and parity with SQLite.</summary>
public sealed class PostgreSqlBatchStagingStoreTests(StagingSchemas schemas) : IClassFixture<StagingSchemas>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunAsync_RealExport_GivesTheSameOutcomeAsSqlite()
    {
        var path = SharedData.Require("data/online_retail_prefix.csv");
        var ct = TestContext.Current.CancellationToken;
        var store = await schemas.OpenAsync(schemas.NewSchema());

        var onSqlite = await RunAsync(new BatchJobOptions { JobId = "retail", StagingConnectionString = _temp.Sqlite("staging.db") });
        var onPostgres = await RunAsync(new BatchJobOptions { JobId = "retail", StagingStore = store });

        Assert.Equal(14_594, onPostgres.RowsRead);
        Assert.Equal(onSqlite with { FailuresByRule = onPostgres.FailuresByRule }, onPostgres);
        Assert.Equal(onSqlite.FailuresByRule.OrderBy(r => r.Key), onPostgres.FailuresByRule.OrderBy(r => r.Key));

        async Task<BatchJobResult> RunAsync(BatchJobOptions options)
        {
            var ledger = RetailLedger.Create(_temp.Sqlite($"{Guid.NewGuid():N}-ledger.db"));
            return await new BatchJob(options, new CsvSource(path), new OnlineRetailMapper(), ledger).RunAsync(ct);
        }
    }

    [Fact]
    public async Task OpenAsync_TablesOfANewerVersion_RefusesNamingTheSchema()
    {
        var schema = schemas.NewSchema();
        await schemas.OpenAsync(schema);
        using (var bump = schemas.Source.CreateCommand($"UPDATE {schema}.batch_schema_version SET version = 99"))
        {
            await bump.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<PostgreSqlStagingSchemaVersionException>(() => schemas.OpenAsync(schema));

        Assert.Equal((99, PostgreSqlBatchStagingStore.SupportedSchemaVersion), (error.FoundVersion, error.SupportedVersion));
        Assert.Contains($"'{schema}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSessionAsync_SecondInstanceOnTheSameSchema_SeesTheJobsCheckpoint()
    {
        var schema = schemas.NewSchema();
        var ct = TestContext.Current.CancellationToken;
        var first = await schemas.OpenAsync(schema);
        await using (var session = await first.OpenSessionAsync("shared", "export", ct))
        {
            await session.CompleteStagingAsync(ct);
        }

        var second = await schemas.OpenAsync(schema);
        await using var again = await second.OpenSessionAsync("shared", "export", ct);

        Assert.True((await again.ReadCheckpointAsync(ct)).StagingComplete);
        await using var other = await second.OpenSessionAsync("other", "export", ct);
        Assert.False((await other.ReadCheckpointAsync(ct)).StagingComplete);
    }

    [Fact]
    public async Task OpenAsync_SchemaOfTheOtherStores_SharesItWithThem()
    {
        var schema = schemas.NewSchema();
        var ct = TestContext.Current.CancellationToken;

        await using var stores = await PostgreSqlSyncDatabase.OpenAsync(schemas.Source, schema, cancellationToken: ct);
        var staging = await PostgreSqlBatchStagingStore.OpenAsync(stores.DataSource, stores.Schema, cancellationToken: ct);
        await using var session = await staging.OpenSessionAsync("job", "export", ct);

        Assert.Equal(0, (await session.ReadCheckpointAsync(ct)).StagedThrough);
        Assert.Equal(schema, staging.Schema);
    }

    [Fact]
    public async Task OpenAsync_ServerUnreachable_ThrowsNamingServerAndSchema()
    {
        var options = new PostgreSqlStoreOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3", Schema = "staging",
        };

        var error = await Assert.ThrowsAsync<PostgreSqlStoreException>(
            () => PostgreSqlBatchStagingStore.OpenAsync(options, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(("127.0.0.1:1/none", "staging"), (error.Database, error.Schema));
        Assert.Contains("schema 'staging'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidSchemaName_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => PostgreSqlBatchStagingStore.OpenAsync(
                new PostgreSqlStoreOptions { ConnectionString = "Host=localhost", Schema = "Bad-Name" },
                cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("'Bad-Name'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
