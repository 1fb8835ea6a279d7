using AccountingSync.CrashHost;
using AccountingSync.Pipeline;
using AccountingSync.Storage.PostgreSql;
using AccountingSync.Storage.Sqlite;
using Npgsql;

// Usage: AccountingSync.CrashHost sqlite <database file> <records>
//        AccountingSync.CrashHost postgres <connection string> <schema> <records>
// Runs one sync of a generated source into a ledger table in the same database, then prints "done".
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: sqlite <file> <records> | postgres <connection string> <schema> <records>");
    return 2;
}

var options = new SyncPipelineOptions { Parallelism = 2, CheckpointEvery = 20 };
options.Lanes[0].BatchSize = 10;
options.Lanes[0].MaxWait = TimeSpan.FromMilliseconds(5);

if (args[0] == "sqlite")
{
    var records = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    using var database = SqliteSyncDatabase.Open(args[1]);
    using var target = new SqliteLedgerTarget(args[1]);
    await RunAsync(target, database.Stores, options, records);
}
else
{
    var records = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    await using var source = NpgsqlDataSource.Create(args[1]);
    await using var database = await PostgreSqlSyncDatabase.OpenAsync(source, args[2]);
    var target = await PostgresLedgerTarget.CreateAsync(source, args[2]);
    await RunAsync(target, database.Stores, options, records);
}

Console.Out.WriteLine("done");
return 0;

static async Task RunAsync(LedgerTarget target, SyncStores stores, SyncPipelineOptions options, int records)
{
    await using var pipeline = new SyncPipeline(target, stores, options);
    var result = await pipeline.RunAsync(new GeneratedSource("generated", records), new ContactMapper());
    await pipeline.StopAsync();
    Console.Out.WriteLine($"result read={result.Read} written={result.Written} applied={result.AlreadyApplied} dead={result.DeadLettered}");
}
