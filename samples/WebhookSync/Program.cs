using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
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
if (SampleArguments.Parse(args, "WebhookSync", "webhook") is not { } arguments)
{
    return 2;
}

var output = arguments.Output;
var clock = Stopwatch.StartNew();
Artifacts.Clean(output);
var dataset = arguments.LoadDataset();
Console.WriteLine($"Store: {dataset.RowCount} export rows in {dataset.Invoices.Count} invoices "
                  + $"({arguments.Origin}).");

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
var everyEvent = new InboxQuery { Provider = WebhookHost.Store, Limit = int.MaxValue };
var stored = await inbox.ListAsync(everyEvent, CancellationToken.None);
var live = tally.Snapshot();
Console.WriteLine($"Inbox: {stored.Count} distinct events stored; pipeline: {Describe(live)}.");

// Disaster recovery: every stored event back through the pipeline, from the raw bytes the store sent.
var replayer = host.Services.GetRequiredService<WebhookReplayer>();
var requeued = await replayer.ReplayAsync(everyEvent);
await Inbox.WaitUntilProcessedAsync(inbox);
var replayWritten = tally["written"] - live.GetValueOrDefault("written");
var replayRecognised = tally["duplicate"] + tally["alreadyapplied"]
    - live.GetValueOrDefault("duplicate") - live.GetValueOrDefault("alreadyapplied");
Console.WriteLine(
    $"Replay: {requeued} events requeued, {replayWritten} written, {replayRecognised} recognised as already booked.");

var deadLetters = await host.Services.GetRequiredService<SyncStores>().DeadLetters.CountAsync(CancellationToken.None);
var forgedId = new SourceIdentity(retail.System, "invoice", ForgedId);
var forgedInBooks = await books.FindBySourceAsync(forgedId, CancellationToken.None);
var forgedInInbox = stored.Any(e => e.EventId == "forged-1");
await host.StopAsync();

var expected = StoreView.Expect(dataset.Invoices, retail);
var report = await new Reconciler().ReconcileAsync(
    retail.System, expected.Documents.ToAsyncEnumerable(), WebhookHost.Books, books, CancellationToken.None);
var reportPath = await Artifacts.WriteReportAsync(report, output);
SampleConsole.WriteKindTotals(report, "store");

Console.WriteLine($"{expected.Skipped} invoices skipped by rule, {deadLetters} dead letters "
                  + $"(rules refuse {expected.Refused.Count}).");
SampleConsole.WriteVerdict(report, "expected", reportPath);
Console.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F1} s.");

var checks = new (bool Ok, string What)[]
{
    (report.Passed, "the books reconcile with the store"),
    (live.GetValueOrDefault("written") == expected.Documents.Count, "each invoice written once"),
    (stored.Count < sent.Deliveries, "retried deliveries were stored once"),
    (forged == HttpStatusCode.Unauthorized && forgedInBooks is null && !forgedInInbox, "the forgery was refused"),
    (requeued == stored.Count && replayWritten == 0, "the replay wrote nothing twice"),
    (deadLetters == expected.Refused.Count, "dead letters are exactly the invoices the rules refuse"),
};
return SampleConsole.Conclude(
    checks,
    "every invoice is in the books once, totals agree, the forged one is absent.");

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
