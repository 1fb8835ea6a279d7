using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AccountingSync.Batch.Retail;
using AccountingSync.Http.Polling;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using AccountingSync.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using PollingSync;
using RetailConnector;
using SampleSupport;
using SimulatedStore;

// REST polling: the store publishes invoices on its API, and the host polls what changed since the watermark
// it stored. First poll: everything. Second: only what changed since. Then the host restarts on the same
// sync.db and polls again: only the overlap window is read again, and nothing is written twice.
if (SampleArguments.Parse(args, "PollingSync", "polling") is not { } arguments)
{
    return 2;
}

// The export's columns used here, by position in RetailDataset.Columns.
const int StockCode = 1, Quantity = 3, UnitPrice = 5;
var output = arguments.Output;
var clock = Stopwatch.StartNew();
Artifacts.Clean(output);
var dataset = arguments.LoadDataset();
Console.WriteLine($"Store: {dataset.RowCount} export rows in {dataset.Invoices.Count} invoices "
                  + $"({arguments.Origin}).");

var retail = new OnlineRetailOptions { System = "retail-store" };
var books = await RetailBooks.OpenAsync(Path.Combine(output, "books.db"), PollingHost.Books, CancellationToken.None);
var syncDb = Path.Combine(output, "sync.db");
var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
await using var store = await StoreServer.StartAsync(throttleEvery: 4, apiKey: apiKey);

var cut = dataset.Invoices.Count * 2 / 3;
var morning = dataset.Invoices.Take(cut).ToList();
var afternoon = dataset.Invoices.Skip(cut).ToList();
store.Publish(morning);

var host = await PollingHost.StartAsync(syncDb, books, store.BaseAddress, apiKey);
var job = PollingHost.CreateJob(host.Services, retail);
var overlap = ((HttpPollingSource)job.Source).Endpoint.Overlap;
var first = await job.SyncNowAsync();
Print("Poll 1 (everything)", first, morning.Count);

// The store's afternoon: new invoices, and a clerk corrects a line of one the first poll already booked.
var (amendNumber, amendLine) = Amendable(morning, retail);
var amendedId = new SourceIdentity(retail.System, "invoice", amendNumber);
var before = await books.FindBySourceAsync(amendedId, CancellationToken.None);
store.Publish(afternoon);
var watermark1 = morning.Max(i => i.UpdatedAt);
var oldRow = morning.Single(i => i.Number == amendNumber).Rows[amendLine];
var oldQuantity = int.Parse(oldRow[Quantity], CultureInfo.InvariantCulture);
var amended = store.Amend(amendNumber, amendLine, oldQuantity * 2, dataset.Invoices[^1].UpdatedAt.AddMinutes(1));
var final = dataset.Invoices.Select(i => i.Number == amendNumber ? amended : i).ToList();
var second = await job.SyncNowAsync();
var window2 = final.Count(i => i.UpdatedAt >= watermark1 - overlap);
Print("Poll 2 (changes)   ", second, window2);
var after = await books.FindBySourceAsync(amendedId, CancellationToken.None);
Console.WriteLine($"  invoice {amendNumber} line {amendLine + 1}: quantity {oldQuantity} -> {oldQuantity * 2}, "
                  + $"books {before?.Total?.Amount:N2} -> {after?.Total?.Amount:N2} GBP");

// A restart: the same sync.db, a new host; the stored watermark says where to start.
await host.StopAsync();
host.Dispose();
host = await PollingHost.StartAsync(syncDb, books, store.BaseAddress, apiKey);
var third = await PollingHost.CreateJob(host.Services, retail).SyncNowAsync();
var window3 = final.Count(i => i.UpdatedAt >= amended.UpdatedAt - overlap);
Print("Poll 3 (restarted) ", third, window3);
var deadLetters = await host.Services.GetRequiredService<SyncStores>().DeadLetters
    .CountAsync(CancellationToken.None);
await host.StopAsync();
host.Dispose();

// The check: the books against the store's final invoices, mapped by the same rules.
var expected = StoreView.Expect(final, retail);
var report = await new Reconciler().ReconcileAsync(
    retail.System, expected.Documents.ToAsyncEnumerable(), PollingHost.Books, books, CancellationToken.None);
var reportPath = await Artifacts.WriteReportAsync(report, output);
SampleConsole.WriteKindTotals(report, "store");

Console.WriteLine($"Store API: {store.Throttled} answers 429 waited out (Retry-After), "
                  + $"{store.Unauthorized} refused for the key; {expected.Skipped} invoices skipped by rule, "
                  + $"{deadLetters} dead letters (rules refuse {expected.Refused.Count}).");
SampleConsole.WriteVerdict(report, "expected", reportPath);
Console.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F1} s.");

var checks = new (bool Ok, string What)[]
{
    (report.Passed, "the books reconcile with the store"),
    (ReadOnly(first, morning.Count, morning.Count), "the first poll read every published invoice"),
    (ReadOnly(second, window2, afternoon.Count + 1), "the second poll read only what changed since the watermark"),
    (ReadOnly(third, window3, 0) && third.Written == 0, "the restarted poll re-read only the overlap, wrote nothing"),
    (first.Written == StoreView.Expect(morning, retail).Documents.Count
        && second.Written == expected.Documents.Count - first.Written + 1,
        "each document written once, the amended one twice"),
    (after?.Total?.Amount != before?.Total?.Amount, "the amendment reached the books"),
    (deadLetters == expected.Refused.Count, "dead letters are exactly the invoices the rules refuse"),
    (store.Throttled > 0 && store.Unauthorized == 0, "the API's 429s were met and waited out, the key was sent"),
};
return SampleConsole.Conclude(
    checks,
    "the books hold every store invoice once, at its latest version; totals agree.");

// A poll lists what changed since the watermark less the overlap window; each page after the first starts at the
// previous page's last time, inclusive (so no record updated meanwhile is skipped), and reads the records at that
// time again. Every record read again is recognised as already booked; only the fresh ones are processed.
static bool ReadOnly(SyncRunResult run, int window, int fresh) =>
    run.Written + run.Skipped + run.DeadLettered == fresh
    && run.Read >= window && run.Read - window <= run.Duplicates + run.AlreadyApplied;

static void Print(string label, SyncRunResult run, int expectedRead) =>
    Console.WriteLine($"{label}: read {run.Read} ({expectedRead} in the listing window), written {run.Written}, "
                      + $"read again and recognised {run.Duplicates + run.AlreadyApplied}, "
                      + $"skipped by rule {run.Skipped}, dead-lettered {run.DeadLettered}, "
                      + $"{run.Elapsed.TotalMilliseconds:F0} ms");

// A booked invoice with a priced, positive line to correct.
static (string Number, int Line) Amendable(IReadOnlyList<StoreInvoice> invoices, OnlineRetailOptions retail)
{
    var booked = StoreView.Expect(invoices, retail)
        .Documents.Select(d => d.Source.Id).ToHashSet(StringComparer.Ordinal);
    foreach (var invoice in invoices.Where(i => booked.Contains(i.Number) && !i.Number.StartsWith('C')))
    {
        for (var line = 0; line < invoice.Rows.Count; line++)
        {
            // A product line (its stock code starts with a digit; POST, M, D... are charges and adjustments).
            var row = invoice.Rows[line];
            if (int.TryParse(row[Quantity], CultureInfo.InvariantCulture, out var q) && q > 0
                && decimal.TryParse(row[UnitPrice], CultureInfo.InvariantCulture, out var price) && price > 0m
                && row[StockCode].Trim() is [var first, ..] && char.IsDigit(first))
            {
                return (invoice.Number, line);
            }
        }
    }

    throw new InvalidOperationException("The store has no invoice with a line to amend.");
}
