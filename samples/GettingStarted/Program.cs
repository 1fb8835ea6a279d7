using System.Globalization;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;
using AccountingSync.Storage.Sqlite;
using AccountingSync.Targets.Ledger.Sql;
using GettingStarted;

// Sync a small, generated set of POS invoices into a double-entry ledger, with all sync state in one SQLite
// file: the embedded default, no server to start. Run twice in one go: the second run resumes from the stored
// checkpoint and writes nothing. Then read the ledger back, print what happened and check it.
var invoices = 40;
var output = Path.GetFullPath(Path.Combine("artifacts", "getting-started"));
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--invoices": invoices = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = Path.GetFullPath(args[++i]); break;
    }
}

// A fresh start each time, so the check below sees a first run and a resumed one.
Directory.CreateDirectory(output);
foreach (var file in Directory.EnumerateFiles(output, "*.db*"))
{
    File.Delete(file);
}

var source = new GeneratedInvoiceSource(invoices, seed: 2026);
await using var database = SqliteSyncDatabase.Open(Path.Combine(output, "sync.db"));
var books = SqlLedgerTarget.ForSqlite($"Data Source={Path.Combine(output, "books.db")}", new SqlLedgerOptions { Name = "books" });
await books.EnsureSchemaAsync(CancellationToken.None);
var options = new SyncPipelineOptions { Parallelism = 4 };
options.Lanes[0].BatchSize = 25;

await using (var pipeline = new SyncPipeline(books, database.Stores, options))
{
    var first = await pipeline.RunAsync(source, new PosInvoiceMapper());
    var second = await pipeline.RunAsync(source, new PosInvoiceMapper());
    Console.WriteLine($"First run : read {first.Read}, written {first.Written}, duplicates {first.Duplicates}, " +
                      $"stale {first.Stale}, dead-lettered {first.DeadLettered}, cursor {first.Cursor}, " +
                      $"{first.Elapsed.TotalMilliseconds:F0} ms");
    Console.WriteLine($"Second run: read {second.Read}, written {second.Written} (resumed from the stored checkpoint)");

    var held = new List<AccountingSync.Connectors.TargetRecord>();
    await foreach (var record in books.ListBySystemAsync("demo-pos", CancellationToken.None))
    {
        held.Add(record);
    }

    var total = held.Sum(r => r.Total?.Amount ?? 0m);
    var expected = source.ExpectedTotal();
    Console.WriteLine($"Ledger {Path.Combine(output, "books.db")} holds {held.Count} invoices, total {total:N2} GBP incl. VAT " +
                      $"(source says {expected:N2})");
    foreach (var letter in await database.Stores.DeadLetters.QueryAsync(DeadLetterQuery.All, CancellationToken.None))
    {
        Console.WriteLine($"Dead letter: {letter.Entity} v{letter.Version} ({letter.ErrorClass}): {letter.Reason}");
    }

    var ok = held.Count == invoices && total == expected && first.DeadLettered == 1 && first.Stale == 1 && second.Read == 0
        && held.All(r => r.Version.Ordinal == (int.Parse(r.Source.Id, CultureInfo.InvariantCulture) % 5 == 0 ? 2 : 1));
    Console.WriteLine(ok
        ? "Check passed: every invoice once, at its newest version, totals match, the bad record is in dead letters."
        : "CHECK FAILED");
    return ok ? 0 : 1;
}
