using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccountingSync.Batch.Retail;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using AccountingSync.Reconciliation;
using AccountingSync.Webhooks.Processing;
using Microsoft.Extensions.DependencyInjection;
using RetailConnector;
using SampleSupport;
using SimulatedStore;
using WebhookSync;

// Webhooks: the store signs each invoice as Shopify does and delivers it to the host's endpoint, with retries of
// the same delivery, echoes (a second event for an unchanged invoice) and deliveries out of order. A forged
// delivery is refused. Then every stored event is replayed from the inbox, and nothing is written twice.
var input = default(string);
var output = Path.GetFullPath(Path.Combine("artifacts", "webhook"));
var generated = 150;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--input" when i + 1 < args.Length: input = Path.GetFullPath(args[++i]); break;
        case "--out" when i + 1 < args.Length: output = Path.GetFullPath(args[++i]); break;
        case "--invoices" when i + 1 < args.Length: generated = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: WebhookSync [--input FILE] [--out DIR] [--invoices N]");
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

using var tally = new RecordTally();
var retail = new OnlineRetailOptions { System = "retail-store" };
var books = await RetailBooks.OpenAsync(Path.Combine(output, "books.db"), WebhookHost.Books, CancellationToken.None);
var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
await using var host = await WebhookHost.StartAsync(Path.Combine(output, "sync.db"), books, retail, secret);
var inbox = host.Services.GetRequiredService<IInboxStore>();
var endpoint = new Uri(host.Urls.First() + "/webhooks/" + WebhookHost.Store);
using var http = new HttpClient();

// Every invoice is delivered (none dropped: webhooks alone carry this sample), some twice, some echoed, out of order.
var faults = new WebhookFaults { DropRate = 0, RetryRate = 0.1, EchoRate = 0.08, ReorderWindow = 12, Seed = 7 };
var sent = await new WebhookSender(http, endpoint, secret).SendAsync(dataset.Invoices, faults, CancellationToken.None);
Console.WriteLine($"Store sent {sent.Deliveries} signed deliveries for {sent.Invoices} invoices "
                  + $"(retries, echoes, shuffled in windows of {faults.ReorderWindow}).");

// Someone who does not hold the secret posts an invoice of their own.
const string ForgedId = "990001";
var forged = await SendForgedAsync(http, endpoint, ForgedId);
Console.WriteLine($"Forged delivery for invoice {ForgedId} (signed with the wrong secret): {(int)forged} {forged}.");

await Inbox.WaitUntilProcessedAsync(inbox);
var stored = await inbox.ListAsync(new InboxQuery { Provider = WebhookHost.Store, Limit = int.MaxValue }, CancellationToken.None);
var live = tally.Snapshot();
Console.WriteLine($"Inbox: {stored.Count} distinct events stored; pipeline: {Describe(live)}.");

// Disaster recovery: every stored event back through the pipeline, from the raw bytes the store sent.
var replayer = host.Services.GetRequiredService<WebhookReplayer>();
var requeued = await replayer.ReplayAsync(new InboxQuery { Provider = WebhookHost.Store, Limit = int.MaxValue });
await Inbox.WaitUntilProcessedAsync(inbox);
var replayWritten = tally["written"] - live.GetValueOrDefault("written");
var replayRecognised = tally["duplicate"] + tally["alreadyapplied"]
    - live.GetValueOrDefault("duplicate") - live.GetValueOrDefault("alreadyapplied");
Console.WriteLine($"Replay: {requeued} events requeued, {replayWritten} written, {replayRecognised} recognised as already booked.");

var deadLetters = await host.Services.GetRequiredService<SyncStores>().DeadLetters.CountAsync(CancellationToken.None);
var forgedInBooks = await books.FindBySourceAsync(new SourceIdentity(retail.System, "invoice", ForgedId), CancellationToken.None);
var forgedInInbox = stored.Any(e => e.EventId == "forged-1");
await host.StopAsync();

var expected = ExpectedBooks.FromInvoices(
    dataset.Invoices.Select(i => JsonDocument.Parse(InvoiceJson.ToBytes(i)).RootElement), retail);
var report = await new Reconciler().ReconcileAsync(
    retail.System, expected.Documents.ToAsyncEnumerable(), WebhookHost.Books, books, CancellationToken.None);
var reportPath = await Artifacts.WriteReportAsync(report, output);
foreach (var kind in report.KindTotals)
{
    Console.WriteLine($"Books: {kind.Bucket,-11} {kind.TargetCount,5} documents {kind.Target,14:N2} {kind.Currency} "
                      + $"(store says {kind.SourceCount}, {kind.Source:N2})");
}

Console.WriteLine($"{expected.Skipped} invoices skipped by rule, {deadLetters} dead letters (rules refuse {expected.Refused.Count}).");
Console.WriteLine($"Reconciliation: {report.SourceCount} expected, {report.TargetCount} in the books, {report.Matched} matched, "
                  + $"{report.Discrepancies.Count} discrepancies: {(report.Passed ? "PASS" : "FAIL")} ({reportPath})");
Console.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F1} s.");

var checks = new (bool Ok, string What)[]
{
    (report.Passed, "the books reconcile with the store"),
    (live.GetValueOrDefault("written") == expected.Documents.Count, "each invoice written once"),
    (stored.Count < sent.Deliveries, "retried deliveries were stored once"),
    (forged == HttpStatusCode.Unauthorized && forgedInBooks is null && !forgedInInbox, "the forged delivery was refused"),
    (requeued == stored.Count && replayWritten == 0, "the replay wrote nothing twice"),
    (deadLetters == expected.Refused.Count, "dead letters are exactly the invoices the rules refuse"),
};
foreach (var failed in checks.Where(c => !c.Ok))
{
    Console.WriteLine($"CHECK FAILED: {failed.What}");
}

if (checks.All(c => c.Ok))
{
    Console.WriteLine("Check passed: every invoice is in the books once, totals agree, the forged one is absent.");
    return 0;
}

return 1;

static string Describe(IReadOnlyDictionary<string, long> counts) =>
    string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));

static async Task<HttpStatusCode> SendForgedAsync(HttpClient http, Uri endpoint, string id)
{
    var invoice = new StoreInvoice(id, DateTimeOffset.UtcNow,
        [[id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "500", "12/9/10 9:00", "2.55", "", "United Kingdom"]]);
    var body = InvoiceJson.ToBytes(invoice);
    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    var guessed = Encoding.UTF8.GetBytes("not-the-store-secret");
    request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(guessed, body)));
    request.Headers.Add("X-Shopify-Topic", "invoices/create");
    request.Headers.Add("X-Shopify-Webhook-Id", "forged-1");
    request.Headers.Add("X-Shopify-Shop-Domain", "simulated-store.example");
    using var response = await http.SendAsync(request);
    return response.StatusCode;
}
