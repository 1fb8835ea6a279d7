using System.Text;
using AccountingSync.Inbox;
using AccountingSync.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Tests;

/// <summary>
/// The inbox's duplicate check through its id index: ids held in memory, merged into the file beside the
/// database, read back at open, rebuilt when that file is lost or wrong, and shared with another connection.
/// </summary>
public sealed class SqliteInboxIdIndexTests(SqliteTestDatabase files) : IClassFixture<SqliteTestDatabase>
{
    private const int MergeThreshold = 8;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enqueue_IdsMergedIntoTheIndex_AreStillDuplicates()
    {
        using var database = Open(files.NewPath());
        var ids = Ids("evt", 40);
        await EnqueueInBatchesAsync(database, ids);
        await WaitForMergesAsync(database, 1);

        var again = await database.Inbox.EnqueueAsync(ids.Select(id => Delivery(id)).ToList(), Token);

        Assert.All(again, Assert.Null);
        Assert.Equal(40, Count(database.DatabasePath));
    }

    [Fact]
    public async Task Enqueue_ConcurrentOverlappingDeliveriesWhileMerging_StoresEachIdOnce()
    {
        // Eight senders deliver the same 400 ids in different orders while runs of 8 are merged behind them.
        using var database = Open(files.NewPath());
        var ids = Ids("evt", 400);
        var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            var order = ids.OrderBy(id => HashCode.Combine(sender, id)).ToList();
            var stored = 0;
            foreach (var batch in order.Chunk(5))
            {
                var result = await database.Inbox.EnqueueAsync(batch.Select(id => Delivery(id)).ToList(), Token);
                stored += result.Count(s => s is not null);
            }

            return stored;
        }, Token)).ToList();

        var storedPerSender = await Task.WhenAll(senders);

        Assert.Equal(400, storedPerSender.Sum());
        Assert.Equal(400, Count(database.DatabasePath));
        Assert.Equal(400, ScalarOn(database.DatabasePath, "SELECT count(DISTINCT event_id) FROM inbox"));
        await WaitForMergesAsync(database, 1);
    }

    [Fact]
    public async Task Enqueue_SameIdOfAnotherProvider_IsStored()
    {
        using var database = Open(files.NewPath());
        await EnqueueInBatchesAsync(database, Ids("evt", 20));
        await WaitForMergesAsync(database, 1);

        var other = await database.Inbox.EnqueueAsync([Delivery("evt-0", provider: "xero")], Token);

        Assert.NotNull(other[0]);
    }

    [Fact]
    public async Task Reopen_MergedAndUnmergedIds_AreDuplicatesAfterRestart()
    {
        var path = files.NewPath();
        var ids = Ids("evt", 21);
        using (var first = Open(path))
        {
            await EnqueueInBatchesAsync(first, ids);
        }

        using var second = Open(path);
        var again = await second.Inbox.EnqueueAsync(ids.Select(id => Delivery(id)).ToList(), Token);
        var fresh = await second.Inbox.EnqueueAsync([Delivery("new")], Token);

        Assert.All(again, Assert.Null);
        Assert.NotNull(fresh[0]);
        Assert.Equal(22, Count(path));
    }

    [Fact]
    public async Task Reopen_IndexFileDeleted_IsRebuiltFromTheInbox()
    {
        var path = files.NewPath();
        var ids = Ids("evt", 30);
        using (var first = Open(path))
        {
            await EnqueueInBatchesAsync(first, ids);
            await WaitForMergesAsync(first, 1);
        }

        InboxIdSidecar.Delete(InboxIdSidecar.PathFor(path));
        using var second = Open(path);
        var again = await second.Inbox.EnqueueAsync(ids.Select(id => Delivery(id)).ToList(), Token);

        Assert.All(again, Assert.Null);
        Assert.True(File.Exists(InboxIdSidecar.PathFor(path)));
    }

    [Fact]
    public async Task Reopen_IndexFileCorrupt_IsReplacedAndRebuilt()
    {
        var path = files.NewPath();
        var ids = Ids("evt", 12);
        using (var first = Open(path))
        {
            await EnqueueInBatchesAsync(first, ids);
        }

        var sidecar = InboxIdSidecar.PathFor(path);
        InboxIdSidecar.Delete(sidecar);
        await File.WriteAllBytesAsync(sidecar, Enumerable.Repeat((byte)0x5A, 8192).ToArray(), Token);
        using var second = Open(path);
        var again = await second.Inbox.EnqueueAsync(ids.Select(id => Delivery(id)).ToList(), Token);

        Assert.All(again, Assert.Null);
    }

    [Fact]
    public async Task Reopen_IndexAheadOfTheInbox_IsRebuiltSoNewIdsAreNotTakenForDuplicates()
    {
        // A power cut can lose the inbox's last commits while the index kept its merge of them: the index then
        // claims sequences the inbox hands out again.
        var path = files.NewPath();
        using (var first = Open(path))
        {
            await EnqueueInBatchesAsync(first, Ids("evt", 16));
            await WaitForMergesAsync(first, 1);
        }

        ExecuteOn(InboxIdSidecar.PathFor(path), "UPDATE inbox_ids_state SET merged_through = 1000");
        using var second = Open(path);
        await EnqueueInBatchesAsync(second, Ids("late", 12));
        var again = await second.Inbox.EnqueueAsync([Delivery("late-3"), Delivery("evt-3")], Token);

        Assert.All(again, Assert.Null);
        Assert.Equal(28, Count(path));
    }

    [Fact]
    public async Task Enqueue_HashMatchOfAnotherId_IsCheckedAgainstTheInboxRowAndStored()
    {
        var path = files.NewPath();
        using var database = Open(path);
        await EnqueueInBatchesAsync(database, Ids("evt", 16));
        await WaitForMergesAsync(database, 1);

        // File the new id's hash under an existing row, as a collision of two ids' hashes would.
        ExecuteOn(
            InboxIdSidecar.PathFor(path),
            $"INSERT INTO inbox_ids (id_hash, sequence) VALUES ({InboxIdKey.HashOf("collides")}, 1)");
        var stored = await database.Inbox.EnqueueAsync([Delivery("collides")], Token);
        var listed = await database.Inbox.ListAsync(new InboxQuery { EventIds = ["collides"] }, Token);

        Assert.NotNull(stored[0]);
        Assert.Equal(stored[0]!.Value, Assert.Single(listed).Sequence);
    }

    [Fact]
    public async Task Enqueue_FromASecondConnectionToTheFile_SeesTheFirstOnesIds()
    {
        // Another process with the same file: its ids are in the inbox, not in this process's memory.
        var path = files.NewPath();
        using var first = Open(path);
        using var second = Open(path);
        await EnqueueInBatchesAsync(first, Ids("evt", 5));

        var fromSecond = await second.Inbox.EnqueueAsync([Delivery("evt-2"), Delivery("other")], Token);
        await EnqueueInBatchesAsync(first, Ids("more", 20));
        await WaitForMergesAsync(first, 1);
        var afterMerge = await second.Inbox.EnqueueAsync([Delivery("more-19"), Delivery("other")], Token);

        Assert.Null(fromSecond[0]);
        Assert.NotNull(fromSecond[1]);
        Assert.All(afterMerge, Assert.Null);
        Assert.Equal(26, Count(path));
    }

    [Fact]
    public async Task ListAndRequeue_ByEventIds_FindMergedAndRecentRows()
    {
        using var database = Open(files.NewPath());
        await EnqueueInBatchesAsync(database, Ids("evt", 20));
        await WaitForMergesAsync(database, 1);
        await database.Inbox.EnqueueAsync([Delivery("evt-0", provider: "xero")], Token);
        var claimed = await database.Inbox.ClaimAsync("w", 100, At.AddHours(1), At, Token);
        await database.Inbox.CompleteAsync("w", claimed.Select(e => e.Sequence).ToList(), Token);

        var anyProvider = await database.Inbox.ListAsync(new InboxQuery { EventIds = ["evt-0", "evt-19", "absent"] }, Token);
        var shopifyOnly = await database.Inbox.ListAsync(
            new InboxQuery { EventIds = ["evt-0"], Provider = "shopify" }, Token);
        var requeued = await database.Inbox.RequeueAsync(new InboxQuery { EventIds = ["evt-0", "evt-7"] }, Token);

        Assert.Equal(["evt-0", "evt-19", "evt-0"], anyProvider.Select(e => e.EventId));
        Assert.Equal("shopify", Assert.Single(shopifyOnly).Provider);
        Assert.Equal(3, requeued);
    }

    [Fact]
    public async Task Open_FileOfSchemaVersion3_MovesUniquenessToTheIndexAndKeepsRowsAndSequence()
    {
        var path = files.NewPath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Run(connection, SqliteSchema.VersionTable);
            foreach (var migration in SqliteSchema.Migrations.Take(3))
            {
                Run(connection, migration);
            }

            Run(connection, "INSERT INTO accountingsync_schema (id, version, migrated_at) VALUES (1, 3, 0)");
            Run(connection, """
                INSERT INTO inbox (provider, event_id, received_at, headers, body, status, attempts, lease_until)
                VALUES ('shopify', 'old-1', 0, '{}', x'7B7D', 2, 1, 0), ('shopify', 'old-2', 0, '{}', x'7B7D', 0, 0, 0)
                """);
            Run(connection, "DELETE FROM inbox WHERE event_id = 'old-2'");
        }

        using var database = Open(path);
        var result = await database.Inbox.EnqueueAsync([Delivery("old-1"), Delivery("new-1")], Token);

        Assert.Null(result[0]);
        Assert.Equal((long?)3, result[1]);
        Assert.Equal(2, Count(path));
        Assert.Equal(0L, ScalarOn(path, "SELECT count(*) FROM pragma_index_list('inbox') WHERE \"unique\" = 1"));
    }

    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private SqliteSyncDatabase Open(string path) =>
        files.Open(path, new SqliteStoreOptions { DatabasePath = path, InboxIndexMergeThreshold = MergeThreshold });

    private static List<string> Ids(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToList();

    private static InboxEvent Delivery(string id, string provider = "shopify") => new()
    {
        Provider = provider,
        EventId = id,
        ReceivedAt = At,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\"}"),
    };

    /// <summary>Enqueues in batches of three, as concurrent requests would arrive, so merges start between them.</summary>
    private static async Task EnqueueInBatchesAsync(SqliteSyncDatabase database, List<string> ids)
    {
        foreach (var batch in ids.Chunk(3))
        {
            var stored = await database.Inbox.EnqueueAsync(batch.Select(id => Delivery(id)).ToList(), Token);
            Assert.All(stored, s => Assert.NotNull(s));
        }
    }

    private static Task WaitForMergesAsync(SqliteSyncDatabase database, int merges) =>
        // The merge thread works on its own; the index reports its progress, bounded so a stuck merge fails.
        database.InboxIds.MergedAsync(merges).WaitAsync(TimeSpan.FromSeconds(30), Token);

    private static long Count(string path) => ScalarOn(path, "SELECT count(*) FROM inbox");

    private static long ScalarOn(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void ExecuteOn(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Run(connection, sql);
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
