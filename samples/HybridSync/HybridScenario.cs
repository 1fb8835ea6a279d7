using System.Diagnostics;
using System.Security.Cryptography;
using AccountingSync.Batch.Nightly;
using AccountingSync.Batch.Retail;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using RetailConnector;
using SimulatedStore;

namespace HybridSync;

/// <summary>
/// One simulated trading day end to end. Morning: the store's invoices arrive by signed webhooks, some dropped,
/// repeated and reordered. Midday: the safety-net poll of the store's API picks up what the webhooks lost.
/// Afternoon: more webhooks, while the books refuse a few invoices outright. An operator syncs one invoice on
/// demand. Night: the store's export is staged, reconciled against the books, and every difference repaired
/// through the same pipeline; the report is written for people and machines.
/// </summary>
public static class HybridScenario
{
    /// <summary>The source system the store's records are booked under.</summary>
    public const string System = "retail-store";

    /// <summary>Runs the day.</summary>
    /// <param name="options">The day's settings.</param>
    /// <param name="log">Where progress is written.</param>
    /// <param name="cancellationToken">Stops the day.</param>
    /// <returns>What happened.</returns>
    public static async Task<ScenarioOutcome> RunAsync(ScenarioOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var output = Directory.CreateDirectory(options.OutputDirectory).FullName;
        foreach (var file in Directory.EnumerateFiles(output).Where(f => f.Contains(".db", StringComparison.Ordinal)
            || f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)
            || f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var dataset = options.InputFile is { } input
            ? RetailDataset.Load(input)
            : RetailDataset.Generate(options.GeneratedInvoices, options.Seed);
        log.WriteLine($"Store: {dataset.RowCount} export rows in {dataset.Invoices.Count} invoices "
                      + $"({(options.InputFile is null ? "generated" : Path.GetFileName(options.InputFile))}).");

        var retail = new OnlineRetailOptions { System = System };
        var ledger = await RetailBooks.OpenAsync(Path.Combine(output, "books.db"), SyncHost.Books, cancellationToken);
        var books = new FlakyBooks(ledger, options.TargetFaultRate, options.Seed);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

        await using var store = await StoreServer.StartAsync(options.ApiThrottleEvery);
        await using var host = await SyncHost.StartAsync(output, books, retail, secret, store.BaseAddress);
        var services = host.Services;
        var pipeline = services.GetRequiredService<ISyncPipelineProvider>().GetPipeline(SyncHost.Books);
        var stores = services.GetRequiredService<SyncStores>();
        var inbox = services.GetRequiredService<IInboxStore>();
        var http = services.GetRequiredService<IHttpClientFactory>();
        var mapper = new RetailInvoiceMapper(retail);
        using var sendClient = new HttpClient();
        var sender = new WebhookSender(sendClient, new Uri(host.Urls.First() + "/webhooks/" + SyncHost.Store), secret);

        // The safety net's schedule polls once at start; the store has published nothing yet, so it finds nothing.
        // The day begins once that poll is over, or it would race the morning's webhooks for what they drop.
        var polling = services.GetRequiredService<IPollingJobs>().Get(SyncHost.Store);
        await WaitForFirstPollAsync(polling, cancellationToken);

        var half = dataset.Invoices.Count / 2;
        var morning = dataset.Invoices.Take(half).ToList();
        var afternoon = dataset.Invoices.Skip(half).ToList();

        store.Publish(morning);
        var morningSent = await sender.SendAsync(morning, options.Webhooks, cancellationToken);
        await WaitForInboxAsync(inbox, cancellationToken);
        log.WriteLine($"Morning: {morningSent.Invoices} invoices, {morningSent.Deliveries} webhook deliveries, "
                      + $"{morningSent.Dropped.Count} never sent (first: {string.Join(", ", morningSent.Dropped.Take(5))}).");

        // The day is compressed into seconds, so the scheduled lanes are run now rather than waited for.
        var poll = await polling.SyncNowAsync(cancellationToken);
        log.WriteLine($"Midday poll: read {poll.Read}, wrote {poll.Written} the webhooks missed, {poll.Duplicates} already booked, "
                      + $"{poll.Skipped} skipped by rule, {store.Throttled} API 429s waited out.");

        var refused = afternoon.Where((_, i) => i % Math.Max(1, afternoon.Count / Math.Max(1, options.OutageInvoices)) == 1)
            .Take(options.OutageInvoices).Select(i => i.Number).ToList();
        books.BeginOutage(refused);
        store.Publish(afternoon);
        var afternoonFaults = options.Webhooks with { Seed = options.Webhooks.Seed + 1 };
        var afternoonSent = await sender.SendAsync(afternoon, afternoonFaults, cancellationToken);
        await WaitForInboxAsync(inbox, cancellationToken);
        var letters = await stores.DeadLetters.CountAsync(cancellationToken);
        log.WriteLine($"Afternoon: {afternoonSent.Invoices} invoices, {afternoonSent.Deliveries} deliveries, "
                      + $"{afternoonSent.Dropped.Count} never sent; the books refused {string.Join(", ", refused)}; "
                      + $"{letters} dead letters.");

        var onDemand = await new OnDemandSync(pipeline, new RetailInvoiceReader(http.CreateClient(SyncHost.Store), System), mapper)
            .SyncAsync([new SourceIdentity(System, "invoice", dataset.Invoices[^1].Number)], cancellationToken);
        log.WriteLine($"On demand: invoice {dataset.Invoices[^1].Number} read again: written {onDemand.Run.Written}, "
                      + $"already booked {onDemand.Run.Duplicates}.");

        books.EndOutage();
        var tonight = DateTimeOffset.UtcNow;
        store.WriteNightlyExport(SyncHost.ExportPath(output, tonight, retail.TimeZone));
        var night = await services.GetRequiredService<NightlyReconciliation>().RunAsync(tonight, cancellationToken);
        log.WriteLine($"Night: {night.Report.Before.Discrepancies.Count} discrepancies found, {night.Report.Repaired} repaired "
                      + $"through the pipeline, {night.Report.DeadLettersResolved} dead letters resolved.");

        var held = new Dictionary<string, (int Count, decimal Total)>(StringComparer.Ordinal);
        await foreach (var record in ledger.ListBySystemAsync(System, cancellationToken))
        {
            var (count, total) = held.GetValueOrDefault(record.Kind.ToString());
            held[record.Kind.ToString()] = (count + 1, total + (record.Total?.Amount ?? 0m));
        }

        var stored = await inbox.ListAsync(new InboxQuery { Provider = SyncHost.Store, Limit = int.MaxValue }, cancellationToken);
        await host.StopAsync(cancellationToken);
        return new ScenarioOutcome
        {
            Rows = dataset.RowCount,
            StoreInvoices = dataset.Invoices.Count,
            Webhooks = [morningSent, afternoonSent],
            InboxEvents = stored.Count,
            Poll = poll,
            OnDemand = onDemand,
            Nightly = night,
            TargetFaults = (books.Unavailable, books.Throttled, books.Refused),
            ApiThrottled = store.Throttled,
            DeadLettersBeforeNight = letters,
            DeadLettersLeft = await stores.DeadLetters.CountAsync(cancellationToken),
            Books = held,
            Elapsed = clock.Elapsed,
            PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64,
        };
    }

    private static async Task WaitForFirstPollAsync(PollingJob polling, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        while (polling.LastResult is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    // Webhooks are acknowledged once stored; the day goes on when the inbox processor has booked every one.
    private static async Task WaitForInboxAsync(IInboxStore inbox, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            var waiting = await inbox.ListAsync(new InboxQuery { Status = InboxStatus.Pending, Limit = 1 }, deadline.Token);
            var claimed = await inbox.ListAsync(new InboxQuery { Status = InboxStatus.Claimed, Limit = 1 }, deadline.Token);
            if (waiting.Count == 0 && claimed.Count == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
