using AccountingSync.Checkpoints;
using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Storage.Sqlite.Tests;

public sealed class SqliteSyncDatabaseTests(SqliteTestDatabase files) : IClassFixture<SqliteTestDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_SameFileAgain_MigratesOnceAndKeepsData()
    {
        var path = files.NewPath();
        using (var first = files.Open(path))
        {
            await first.Checkpoints.TrySaveAsync("shop", "c1", 0, DateTimeOffset.UnixEpoch, Token);
        }

        using var second = files.Open(path);
        using var third = files.Reopen(second);

        Assert.Equal(SqliteSyncDatabase.SupportedSchemaVersion, ReadSchemaVersion(path));
        Assert.Equal("c1", (await third.Checkpoints.GetAsync("shop", Token))!.Cursor);
        Assert.Equal(1, Scalar(path, "SELECT count(*) FROM accountingsync_schema"));
    }

    [Fact]
    public void Open_NewFile_UsesWalAndCreatesTheFolder()
    {
        var path = Path.Combine(files.Folder, "nested", "sync.db");
        using var database = files.Open(path);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", ScalarText(path, "PRAGMA journal_mode"));
        Assert.Equal(path, database.DatabasePath);
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefusedNamingTheFileAndLeavingItAlone()
    {
        var path = files.NewPath();
        files.Open(path).Dispose();
        Execute(path, "UPDATE accountingsync_schema SET version = 999");

        var error = Assert.Throws<SqliteSchemaVersionException>(() => files.Open(path));

        Assert.Equal(999, error.FoundVersion);
        Assert.Equal(SqliteSyncDatabase.SupportedSchemaVersion, error.SupportedVersion);
        Assert.Equal(path, error.DatabasePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(999, ReadSchemaVersion(path));
    }

    [Fact]
    public void Open_CorruptFile_FailsNamingTheFile()
    {
        var path = files.NewPath();
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 31))]);

        var error = Assert.Throws<SqliteStoreException>(() => files.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(26, error.SqliteErrorCode);
    }

    [Fact]
    public void Open_FileLockedByAnotherConnection_FailsNamingTheFile()
    {
        var path = files.NewPath();
        files.Open(path).Dispose();
        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using var hold = holder.CreateCommand();
        hold.CommandText = "BEGIN EXCLUSIVE";
        hold.ExecuteNonQuery();

        var error = Assert.Throws<SqliteStoreException>(() =>
            files.Open(path, new SqliteStoreOptions { DatabasePath = path, BusyTimeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_WhileAnotherProcessHoldsTheLock_FailsNamingTheFileAndLosesNothingCommitted()
    {
        var path = files.NewPath();
        using var database = files.Open(path, new SqliteStoreOptions { DatabasePath = path, BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await database.Checkpoints.TrySaveAsync("shop", "c1", 0, DateTimeOffset.UnixEpoch, Token);
        using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            holder.Open();
            using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            hold.ExecuteNonQuery();

            var error = await Assert.ThrowsAsync<SqliteStoreException>(
                () => database.Checkpoints.TrySaveAsync("shop", "c2", 1, DateTimeOffset.UnixEpoch, Token).AsTask());
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("c1", (await database.Checkpoints.GetAsync("shop", Token))!.Cursor);
        Assert.NotNull(await database.Checkpoints.TrySaveAsync("shop", "c2", 1, DateTimeOffset.UnixEpoch, Token));
    }

    [Fact]
    public void Open_InvalidOptions_NamesTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            SqliteSyncDatabase.Open(new SqliteStoreOptions { DatabasePath = ":memory:", MaxIdleReaders = 0 }));

        Assert.Contains("SqliteStoreOptions.DatabasePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("SqliteStoreOptions.MaxIdleReaders", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SqliteSynchronousMode.Normal, 1L)]
    [InlineData(SqliteSynchronousMode.Full, 2L)]
    public async Task Open_SynchronousSetting_IsAppliedToTheWriter(SqliteSynchronousMode mode, long pragmaValue)
    {
        var path = files.NewPath();
        using var database = files.Open(path, new SqliteStoreOptions { DatabasePath = path, Synchronous = mode });

        Assert.Equal(pragmaValue, await database.WriterPragmaAsync("synchronous"));
        Assert.Equal(5000L, await database.WriterPragmaAsync("busy_timeout"));
    }

    [Fact]
    public async Task UseSqlite_RegistersEveryStoreOnOneFile()
    {
        var path = files.NewPath();
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UseSqlite(path));
        await using var provider = services.BuildServiceProvider();

        var stores = provider.GetRequiredService<SyncStores>();
        var database = provider.GetRequiredService<SqliteSyncDatabase>();
        Assert.Same(database.Stores, stores);
        Assert.Same(database.Inbox, provider.GetRequiredService<IInboxStore>());
        Assert.Same(database.Audit, provider.GetRequiredService<AccountingSync.Audit.IAuditStore>());
        Assert.Same(database.Tokens, provider.GetRequiredService<AccountingSync.Credentials.ITokenStore>());
        Assert.IsType<SqliteCheckpointStore>(stores.Checkpoints);
        Assert.Equal(path, database.DatabasePath);
    }

    [Fact]
    public async Task UseSqlite_ConnectionString_OpensTheFileItNames()
    {
        var path = files.NewPath();
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UseSqlite($"Data Source={path}"));
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(path, provider.GetRequiredService<SqliteSyncDatabase>().DatabasePath);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task UseSqlite_InvalidOptions_FailValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAccountingSync(sync => sync.UseSqlite(o => o.BusyTimeout = TimeSpan.Zero));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
        Assert.Contains("SqliteStoreOptions.BusyTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentReadsAndWrites_FromManyTasks_AllSucceed()
    {
        using var database = files.Open(files.NewPath());
        var at = DateTimeOffset.UnixEpoch;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 20; n++)
            {
                await database.Deduplication.AddAsync($"s{i}", [$"e{n}"], at, Token);
                Assert.True(await database.Deduplication.ContainsAsync($"s{i}", $"e{n}", Token));
                await database.Checkpoints.GetAsync($"s{i}", Token);
            }
        }, Token)));

        Assert.Equal(320, Scalar(database.DatabasePath, "SELECT count(*) FROM dedup"));
    }

    private static long ReadSchemaVersion(string path) => Scalar(path, "SELECT version FROM accountingsync_schema");

    private static long Scalar(string path, string sql) => (long)Query(path, sql)!;

    private static string ScalarText(string path, string sql) => (string)Query(path, sql)!;

    private static object? Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql) => Query(path, sql);
}
