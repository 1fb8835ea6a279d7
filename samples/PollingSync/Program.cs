using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
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
var input = default(string);
var output = Path.GetFullPath(Path.Combine("artifacts", "polling"));
var generated = 150;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--input" when i + 1 < args.Length: input = Path.GetFullPath(args[++i]); break;
        case "--out" when i + 1 < args.Length: output = Path.GetFullPath(args[++i]); break;
        case "--invoices" when i + 1 < args.Length: generated = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: PollingSync [--input FILE] [--out DIR] [--invoices N]");
            return 2;
    }
}

if (input is not null && !File.Exists(input))
{
    Console.Error.WriteLine($"The export {input} does not exist.");
    return 2;
}

var clock = Stopwatch.StartNew();
Artifacts.Clean(output);
var dataset = input is null ? RetailDataset.Generate(generated, seed: 2026) : RetailDataset.Load(input);
Console.WriteLine($"Store: {dataset.RowCount} export rows in {dataset.Invoices.Count} invoices "
                  + $"({(input is null ? "generated" : Path.GetFileName(input))}).");

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
var before = await books.FindBySourceAsync(new SourceIdentity(retail.System, "invoice", amendNumber), CancellationToken.None);
store.Publish(afternoon);
var watermark1 = morning.Max(i => i.UpdatedAt);
var oldQuantity = int.Parse(morning.Single(i => i.Number == amendNumber).Rows[amendLine][3], CultureInfo.InvariantCulture);
var amended = store.Amend(amendNumber, amendLine, oldQuantity * 2, dataset.Invoices[^1].UpdatedAt.AddMinutes(1));
var final = dataset.Invoices.Select(i => i.Number == amendNumber ? amended : i).ToList();
var second = await job.SyncNowAsync();
var window2 = final.Count(i => i.UpdatedAt >= watermark1 - overlap);
Print("Poll 2 (changes)   ", second, window2);
var after = await books.FindBySourceAsync(new SourceIdentity(retail.System, "invoice", amendNumber), CancellationToken.None);
Console.WriteLine($"  invoice {amendNumber} line {amendLine + 1}: quantity {oldQuantity} -> {oldQuantity * 2}, "
                  + $"books {before?.Total?.Amount:N2} -> {after?.Total?.Amount:N2} GBP");

// A restart: the same sync.db, a new host; the stored watermark says where to start.
await host.StopAsync();
host.Dispose();
host = await PollingHost.StartAsync(syncDb, books, store.BaseAddress, apiKey);
var third = await PollingHost.CreateJob(host.Services, retail).SyncNowAsync();
var window3 = final.Count(i => i.UpdatedAt >= amended.UpdatedAt - overlap);
Print("Poll 3 (restarted) ", third, window3);
var deadLetters = await host.Services.GetRequiredService<SyncStores>().DeadLetters.CountAsync(CancellationToken.None);
await host.StopAsync();
host.Dispose();

// The check: the books against the store's final invoices, mapped by the same rules.
var expected = ExpectedBooks.FromInvoices(final.Select(Json), retail);
var report = await new Reconciler().ReconcileAsync(
    retail.System, expected.Documents.ToAsyncEnumerable(), PollingHost.Books, books, CancellationToken.None);
var reportPath = await Artifacts.WriteReportAsync(report, output);
foreach (var kind in report.KindTotals)
{
    Console.WriteLine($"Books: {kind.Bucket,-11} {kind.TargetCount,5} documents {kind.Target,14:N2} {kind.Currency} "
                      + $"(store says {kind.SourceCount}, {kind.Source:N2})");
}

Console.WriteLine($"Store API: {store.Throttled} answers 429 waited out (Retry-After), {store.Unauthorized} refused for the key; "
                  + $"{expected.Skipped} invoices skipped by rule, {deadLetters} dead letters (rules refuse {expected.Refused.Count}).");
Console.WriteLine($"Reconciliation: {report.SourceCount} expected, {report.TargetCount} in the books, {report.Matched} matched, "
                  + $"{report.Discrepancies.Count} discrepancies: {(report.Passed ? "PASS" : "FAIL")} ({reportPath})");
Console.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F1} s.");

var checks = new (bool Ok, string What)[]
{
    (report.Passed, "the books reconcile with the store"),
    (ReadOnly(first, morning.Count, morning.Count), "the first poll read every published invoice"),
    (ReadOnly(second, window2, afternoon.Count + 1), "the second poll read only what changed since the watermark"),
    (ReadOnly(third, window3, 0) && third.Written == 0, "the restarted poll re-read only the overlap and wrote nothing"),
    (first.Written == ExpectedBooks.FromInvoices(morning.Select(Json), retail).Documents.Count
        && second.Written == expected.Documents.Count - first.Written + 1, "each document written once, the amended one twice"),
    (after?.Total?.Amount != before?.Total?.Amount, "the amendment reached the books"),
    (deadLetters == expected.Refused.Count, "dead letters are exactly the invoices the rules refuse"),
    (store.Throttled > 0 && store.Unauthorized == 0, "the API's 429s were met and waited out, the key was sent"),
};
foreach (var failed in checks.Where(c => !c.Ok))
{
    Console.WriteLine($"CHECK FAILED: {failed.What}");
}

if (checks.All(c => c.Ok))
{
    Console.WriteLine("Check passed: the books hold every store invoice once, at its latest version; totals agree.");
    return 0;
}

return 1;

// A poll lists what changed since the watermark less the overlap window; each page after the first starts at the
// previous page's last time, inclusive (so no record updated meanwhile is skipped), and reads the records at that
// time again. Every record read again is recognised as already booked; only the fresh ones are processed.
static bool ReadOnly(SyncRunResult run, int window, int fresh) =>
    run.Written + run.Skipped + run.DeadLettered == fresh
    && run.Read >= window && run.Read - window <= run.Duplicates + run.AlreadyApplied;

static JsonElement Json(StoreInvoice invoice) => JsonDocument.Parse(InvoiceJson.ToBytes(invoice)).RootElement;

static void Print(string label, SyncRunResult run, int expectedRead) =>
    Console.WriteLine($"{label}: read {run.Read} ({expectedRead} in the listing window), written {run.Written}, "
                      + $"read again and recognised {run.Duplicates + run.AlreadyApplied}, skipped by rule {run.Skipped}, "
                      + $"dead-lettered {run.DeadLettered}, {run.Elapsed.TotalMilliseconds:F0} ms");

// A booked invoice with a priced, positive line to correct.
static (string Number, int Line) Amendable(IReadOnlyList<StoreInvoice> invoices, OnlineRetailOptions retail)
{
    var booked = ExpectedBooks.FromInvoices(invoices.Select(Json), retail)
        .Documents.Select(d => d.Source.Id).ToHashSet(StringComparer.Ordinal);
    foreach (var invoice in invoices.Where(i => booked.Contains(i.Number) && !i.Number.StartsWith('C')))
    {
        for (var line = 0; line < invoice.Rows.Count; line++)
        {
            var row = invoice.Rows[line];
            if (int.TryParse(row[3], CultureInfo.InvariantCulture, out var q) && q > 0
                && decimal.TryParse(row[5], CultureInfo.InvariantCulture, out var price) && price > 0m
                && char.IsDigit(row[1].Trim()[0]))
            {
                return (invoice.Number, line);
            }
        }
    }

    throw new InvalidOperationException("The store has no invoice with a line to amend.");
}
