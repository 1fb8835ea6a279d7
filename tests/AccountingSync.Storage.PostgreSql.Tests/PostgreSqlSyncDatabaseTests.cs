using AccountingSync.Conformance;
using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Tests;

public sealed class PostgreSqlSyncDatabaseTests(PostgresTestSchemas schemas) : IClassFixture<PostgresTestSchemas>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_SameSchemaAgain_MigratesOnceAndKeepsData()
    {
        var schema = schemas.NewSchema();
        var first = await schemas.OpenAsync(schema);
        await first.Checkpoints.TrySaveAsync("shop", "c1", 0, DateTimeOffset.UnixEpoch, Token);

        await schemas.OpenAsync(schema);
        var third = await schemas.OpenAsync(schema);

        Assert.Equal(PostgreSqlSyncDatabase.SupportedSchemaVersion, await ScalarAsync<int>($"SELECT version FROM {schema}.schema_version"));
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.schema_version"));
        Assert.Equal("c1", (await third.Checkpoints.GetAsync("shop", Token))!.Cursor);
    }

    [Fact]
    public async Task OpenAsync_ManyInstancesAtOnce_MigrateOnce()
    {
        var schema = schemas.NewSchema();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => schemas.OpenAsync(schema)));

        Assert.Equal(PostgreSqlSyncDatabase.SupportedSchemaVersion, await ScalarAsync<int>($"SELECT version FROM {schema}.schema_version"));
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_IsRefusedNamingTheSchema()
    {
        var schema = schemas.NewSchema();
        await schemas.OpenAsync(schema);
        await ScalarAsync<int>($"UPDATE {schema}.schema_version SET version = 999 RETURNING version");

        var error = await Assert.ThrowsAsync<PostgreSqlSchemaVersionException>(() => schemas.OpenAsync(schema));

        Assert.Equal(999, error.FoundVersion);
        Assert.Equal(schema, error.Schema);
        Assert.Contains(schema, error.Message, StringComparison.Ordinal);
        Assert.Equal(999, await ScalarAsync<int>($"SELECT version FROM {schema}.schema_version"));
    }

    [Fact]
    public async Task OpenAsync_ServerNotReachable_FailsNamingTheServerWithoutThePassword()
    {
        PostgresTestServer.Require();
        var options = new PostgreSqlStoreOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=s3cret-value;Database=books;Timeout=2",
        };

        var error = await Assert.ThrowsAsync<PostgreSqlStoreException>(
            () => PostgreSqlSyncDatabase.OpenAsync(options, cancellationToken: Token));

        Assert.Contains("127.0.0.1:1/books", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_NameTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => PostgreSqlSyncDatabase.OpenAsync(
            new PostgreSqlStoreOptions { ConnectionString = null, Schema = "Bad-Name" }, cancellationToken: Token));

        Assert.Contains("PostgreSqlStoreOptions.ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSqlStoreOptions.Schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsePostgreSql_RegistersEveryStoreOnOneSchema()
    {
        var connectionString = PostgresTestServer.Require();
        var schema = schemas.NewSchema();
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UsePostgreSql(o =>
        {
            o.ConnectionString = connectionString;
            o.Schema = schema;
        }));
        await using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<PostgreSqlSyncDatabase>();
        Assert.Same(database.Stores, provider.GetRequiredService<SyncStores>());
        Assert.Same(database.Inbox, provider.GetRequiredService<IInboxStore>());
        Assert.Same(database.Audit, provider.GetRequiredService<AccountingSync.Audit.IAuditStore>());
        Assert.Same(database.Tokens, provider.GetRequiredService<AccountingSync.Credentials.ITokenStore>());
        Assert.Equal(schema, database.Schema);
        Assert.Equal(PostgreSqlSyncDatabase.SupportedSchemaVersion, await ScalarAsync<int>($"SELECT version FROM {schema}.schema_version"));
    }

    [Fact]
    public async Task UsePostgreSql_ApplicationDataSource_IsUsedAndLeftOpen()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresTestServer.Require());
        var schema = schemas.NewSchema();
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UsePostgreSql(dataSource, schema));
        await using (var provider = services.BuildServiceProvider())
        {
            var database = provider.GetRequiredService<PostgreSqlSyncDatabase>();
            Assert.Same(dataSource, database.DataSource);
            Assert.Same(database.Stores, provider.GetRequiredService<SyncStores>());
        }

        using var command = dataSource.CreateCommand($"SELECT version FROM {schema}.schema_version");
        Assert.Equal(PostgreSqlSyncDatabase.SupportedSchemaVersion, (int)(await command.ExecuteScalarAsync(Token))!);
    }

    [Fact]
    public void UsePostgreSql_ProviderDisposedSynchronously_DisposesTheDatabase()
    {
        var connectionString = PostgresTestServer.Require();
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UsePostgreSql(o =>
        {
            o.ConnectionString = connectionString;
            o.Schema = schemas.NewSchema();
        }));
        var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<PostgreSqlSyncDatabase>();

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => database.DataSource.CreateConnection().Open());
    }

    [Fact]
    public async Task ClaimAsync_TwoInstancesOnOneSchema_SplitTheInboxWithoutOverlap()
    {
        var schema = schemas.NewSchema();
        var one = await schemas.OpenAsync(schema);
        await using var otherSource = NpgsqlDataSource.Create(PostgresTestServer.Require());
        var two = await PostgreSqlSyncDatabase.OpenAsync(otherSource, schema, cancellationToken: Token);
        var at = DateTimeOffset.UnixEpoch;
        await one.Inbox.EnqueueAsync([.. Enumerable.Range(0, 200).Select(i => new InboxEvent
        {
            Provider = "shopify", EventId = $"e{i}", ReceivedAt = at, Body = new byte[] { (byte)i },
        })], Token);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? one : two).Inbox.ClaimAsync($"host{i}", 25, at.AddMinutes(5), at, Token).AsTask()));

        var ids = claims.SelectMany(c => c).Select(e => e.EventId).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(200, ids.Distinct().Count());
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        using var command = schemas.Source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }
}
