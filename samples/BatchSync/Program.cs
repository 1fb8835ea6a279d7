using System.Diagnostics;
using System.Globalization;
using AccountingSync.Batch;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Reports;
using AccountingSync.Batch.Retail;
using AccountingSync.Reconciliation;
using BatchSync;
using RetailConnector;
using SampleSupport;
using SimulatedStore;

// Batch: the store writes its nightly export; a batch job stages it in SQLite, applies the row rules, and loads
// the books in chunks, each followed by a checkpoint. The first run is cut off after two chunks; the second,
// with the same job id, resumes where it stopped; a third finds nothing left to do. Then the reports.
if (SampleArguments.Parse(args, "BatchSync", "batch") is not { } arguments)
{
    return 2;
}

var output = arguments.Output;
var clock = Stopwatch.StartNew();
Artifacts.Clean(output);
var dataset = arguments.LoadDataset();
var retail = new OnlineRetailOptions { System = "retail-store" };
var ledger = await RetailBooks.OpenAsync(Path.Combine(output, "books.db"), "books", CancellationToken.None);
var books = new CountingBooks(ledger);
var export = Path.Combine(output, "store-export.csv");
await using (var store = await StoreServer.StartAsync())
{
    store.Publish(dataset.Invoices);
    store.WriteNightlyExport(export);
}

var lastSale = TimeZoneInfo.ConvertTime(dataset.Invoices[^1].UpdatedAt, retail.TimeZone);
var tradeDay = DateOnly.FromDateTime(lastSale.DateTime);
var jobId = string.Create(CultureInfo.InvariantCulture, $"store-export-{tradeDay:yyyy-MM-dd}");
Console.WriteLine($"Store: nightly export {export}: {dataset.RowCount} rows, {dataset.Invoices.Count} invoices "
                  + $"({arguments.Origin}); job {jobId}.");

BatchJob CreateJob(string id) => new(
    new BatchJobOptions
    {
        JobId = id,
        StagingConnectionString = $"Data Source={Path.Combine(output, "staging.db")}",
        StageChunkSize = 1_000,
        LoadChunkSize = 50,
    },
    new CsvSource(export), new OnlineRetailMapper(retail), books);

// Run 1: the plug is pulled after two chunks, as a deploy or a crash would.
var interrupted = false;
using (var stop = new CancellationTokenSource())
{
    books.StopAfter(2, stop);
    try
    {
        await CreateJob(jobId).RunAsync(stop.Token);
    }
    catch (OperationCanceledException)
    {
        interrupted = true;
    }
}

var firstWritten = books.Written;
Console.WriteLine(
    $"Run 1: {(interrupted ? "stopped" : "finished")} after {books.Chunks} chunks, "
    + $"{firstWritten} documents in the books.");

// Run 2: the same job id resumes after the last committed chunk.
var job = CreateJob(jobId);
var result = await job.RunAsync(CancellationToken.None);
Console.WriteLine(
    $"Run 2: resumed and wrote {books.Written - firstWritten} more documents in {books.Chunks - 2} more chunk(s).");
Console.WriteLine($"Outcome: rows read {result.RowsRead}, loaded {result.RowsLoaded}, failed {result.RowsFailed}, "
                  + $"skipped {result.RowsSkipped}, duplicates {result.RowsDuplicate}; "
                  + $"documents written {result.DocumentsWritten}, already applied {result.DocumentsAlreadyApplied}, "
                  + $"failed {result.DocumentsFailed}; {result.ChunksLoaded} chunks.");
// The row-level report, for whoever fixes the export, and the reconciliation of the books against it.
var failuresCsv = Path.Combine(output, "failures.csv");
long reported;
await using (var writer = File.CreateText(failuresCsv))
{
    reported = await FailureReportWriter.WriteCsvAsync(job.ReadFailuresAsync(default), writer, default);
}

await using (var stream = File.Create(Path.Combine(output, "failures.json")))
{
    await FailureReportWriter.WriteJsonAsync(job.ReadFailuresAsync(default), stream, default);
}

// What a person fixing the export sees first: the rows not loaded, grouped by what happened and which rule.
var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
await foreach (var line in job.ReadFailuresAsync(default))
{
    var key = $"{line.Disposition.ToString().ToLowerInvariant()}, {line.Rule}";
    byRule[key] = byRule.GetValueOrDefault(key) + 1;
}

foreach (var (rule, count) in byRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {count,5} rows {rule}");
}

var report = await new Reconciler().ReconcileAsync(
    retail.System, job.ReadLoadedDocumentsAsync(CancellationToken.None), ledger.Name, ledger, CancellationToken.None);
var reportPath = await Artifacts.WriteReportAsync(report, output);
SampleConsole.WriteKindTotals(report, "export");

Console.WriteLine(
    $"Row report: {reported} rows not loaded as they were, by row, rule and column: {failuresCsv} (and .json)");
SampleConsole.WriteVerdict(report, "in the export", reportPath);

// The same books seen from the store's API, mapped by the real-time lanes' rules: an independent second opinion.
var api = StoreView.Expect(dataset.Invoices, retail);
var crossCheck = await new Reconciler().ReconcileAsync(
    retail.System, api.Documents.ToAsyncEnumerable(), ledger.Name, ledger, CancellationToken.None);
Console.WriteLine($"Cross-check against the store's API view: {crossCheck.Matched} of {crossCheck.SourceCount} "
                  + "matched: "
                  + (crossCheck.Passed ? "PASS" : "FAIL"));

// Run 3, and the same job from its nightly schedule: the job is complete, so nothing reaches the books.
var (chunksBefore, writtenBefore) = (books.Chunks, books.Written);
var again = await CreateJob(jobId).RunAsync(CancellationToken.None);
Console.WriteLine(
    $"Run 3 (same id): {books.Chunks - chunksBefore} chunks sent, {books.Written - writtenBefore} written.");
var scheduled = await NightlySchedule.RunNextNightAsync(tradeDay, retail.TimeZone, Path.Combine(output, "schedule.db"),
    async (night, ct) => await CreateJob(NightlySchedule.JobIdFor(night, retail.TimeZone)).RunAsync(ct));
Console.WriteLine($"Scheduled: '{NightlySchedule.Cron}' ({retail.TimeZone.Id}) next fires "
                  + $"{scheduled.Occurrence:yyyy-MM-dd HH:mm} UTC; "
                  + $"ran {scheduled.Ran} job ({scheduled.Outcome}), {books.Chunks - chunksBefore} chunks sent, "
                  + $"{books.Written - writtenBefore} written.");
Console.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F1} s.");

var notLoaded = result.RowsFailed + result.RowsSkipped + result.RowsDuplicate;
var checks = new (bool Ok, string What)[]
{
    (report.Passed && crossCheck.Passed, "the books reconcile with the export and with the store's API view"),
    (interrupted && firstWritten > 0 && firstWritten < result.DocumentsWritten, "run 1 was cut off part-way"),
    (books.Written == result.DocumentsWritten && result.DocumentsWritten == report.TargetCount,
        "each document written once"),
    (result.RowsRead == result.RowsLoaded + notLoaded, "every row accounted for"),
    (reported == notLoaded, "every row not loaded is in the report"),
    (books.Chunks == chunksBefore && books.Written == writtenBefore
        && again.RowsLoaded == result.RowsLoaded && again.DocumentsWritten == result.DocumentsWritten,
        "resuming a complete job loads nothing"),
    (scheduled.Ran == 1 && scheduled.Outcome == "succeeded", "the schedule ran the next night's job"),
};
return SampleConsole.Conclude(
    checks,
    "reconciliation passes, every row is loaded or reported, a resumed job loads nothing twice.");
