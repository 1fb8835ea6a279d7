using System.Globalization;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;
using GettingStarted;

// Sync a small, generated set of POS invoices into an in-memory ledger, twice: the second run resumes from
// the checkpoint and writes nothing new. Then print what happened and check it.
var invoices = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var source = new GeneratedInvoiceSource(invoices, seed: 2026);
var books = new InMemoryBooks();
var stores = SyncStores.InMemory();
var options = new SyncPipelineOptions { Parallelism = 4 };
options.Lanes[0].BatchSize = 25;

await using var pipeline = new SyncPipeline(books, stores, options);
var first = await pipeline.RunAsync(source, new PosInvoiceMapper());
var second = await pipeline.RunAsync(source, new PosInvoiceMapper());

Console.WriteLine($"First run : read {first.Read}, written {first.Written}, duplicates {first.Duplicates}, " +
                  $"stale {first.Stale}, dead-lettered {first.DeadLettered}, cursor {first.Cursor}, {first.Elapsed.TotalMilliseconds:F0} ms");
Console.WriteLine($"Second run: read {second.Read}, written {second.Written} (resumed from the checkpoint)");

var total = books.Invoices.Values.Sum(i => i.ComputeTotals().Total.Amount);
Console.WriteLine($"Books hold {books.Invoices.Count} invoices, total {total:N2} GBP incl. VAT, {books.WriteCalls} write calls");
foreach (var letter in await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, CancellationToken.None))
{
    Console.WriteLine($"Dead letter: {letter.Entity} v{letter.Version} ({letter.ErrorClass}): {letter.Reason}");
}

var ok = books.Invoices.Count == invoices && first.DeadLettered == 1 && first.Stale == 1 && second.Read == 0
    && books.Invoices.Values.All(i => i.Version.Ordinal == (int.Parse(i.Source.Id, CultureInfo.InvariantCulture) % 5 == 0 ? 2 : 1));
Console.WriteLine(ok ? "Check passed: every invoice once, newest version, bad record dead-lettered." : "CHECK FAILED");
return ok ? 0 : 1;
