using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Reconciliation;
using AccountingSync.Routing;
using AccountingSync.Targets.Ledger.Sql;
using AccountingSync.Targets.Ledger.Summary;

namespace AccountingSync.Targets.Ledger.Tests.Summary;

public sealed class DailySummaryTargetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-summary-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_SmallReceiptsRoutedToTheSummaryLane_BookOneJournalPerDayAndTheRestPassesThrough()
    {
        var (books, summary) = await CreateAsync();
        var documents = Day1Receipts().Concat(Day2Receipts()).Append(Receipt("big", 1, 3, 150m)).Append(Invoice("inv-1")).ToList();

        await using (var pipeline = Pipeline(summary, SyncStores.InMemory()))
        {
            var result = await pipeline.RunAsync(new DocumentSource(documents), DocumentPayloadMapper.Instance, Token);
            Assert.Equal((9, 0), (result.Written, result.DeadLettered));
        }

        var journals = await ListAsync(books, "daily-summary");
        Assert.Equal(["daily-summary/journal/2026-12-01.GBP", "daily-summary/journal/2026-12-02.GBP"],
            journals.Select(j => j.Source.ToString()).Order(StringComparer.Ordinal));
        // Day 1: 10 + 20 + 30 + 40 + 50 net at 20 % tax = 180 with tax; day 2: 5 + 15 = 24 with tax.
        Assert.Equal([180m, 24m], journals.OrderBy(j => j.Date).Select(j => j.Total!.Value.Amount));
        var individual = await ListAsync(books, "pos");
        Assert.Equal(["pos/sale/big", "pos/sale/inv-1"], individual.Select(r => r.Source.ToString()).Order(StringComparer.Ordinal));

        // Read-back through the summary target answers for every receipt, so reconciliation by entity passes.
        var report = await new Reconciler().ReconcileAsync("pos", ToAsync(documents), "books", summary, Token);
        Assert.True(report.Passed, string.Join("; ", report.Discrepancies));
    }

    [Fact]
    public async Task RunAsync_RedeliveredAfterLostStateAndOneReceiptChanged_CountsNothingTwice()
    {
        var (books, summary) = await CreateAsync();
        await using (var pipeline = Pipeline(summary, SyncStores.InMemory()))
        {
            await pipeline.RunAsync(new DocumentSource(Day1Receipts()), DocumentPayloadMapper.Instance, Token);
        }

        // Fresh pipeline state: everything arrives again, and receipt r3 was corrected from 30 to 35 net.
        var again = Day1Receipts().Select(r => r.Source.Id == "r3" ? Receipt("r3", 2, 1, 35m) : r).ToList();
        await using (var pipeline = Pipeline(summary, SyncStores.InMemory()))
        {
            await pipeline.RunAsync(new DocumentSource(again), DocumentPayloadMapper.Instance, Token);
        }

        var journal = Assert.Single(await ListAsync(books, "daily-summary"));
        Assert.Equal(186m, journal.Total!.Value.Amount);
        Assert.Equal(SourceVersionKind.Sequence, journal.Version.Kind);
        Assert.Equal(6, journal.Version.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvoiceRoutedToTheSummaryLane_IsDeadLetteredNamingIt()
    {
        var (_, summary) = await CreateAsync();
        var stores = SyncStores.InMemory();
        var options = Options();
        var routing = new RoutingOptions();
        routing.Rules.Add(new RouteRule { Lane = "summary", Kind = DocumentKind.Invoice });
        await using var pipeline = new SyncPipeline(summary, stores, options, router: new RuleRouter(routing, options));

        var result = await pipeline.RunAsync(new DocumentSource([Invoice("inv-9")]), DocumentPayloadMapper.Instance, Token);

        Assert.Equal(1, result.DeadLettered);
        var letter = Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Contains("Invoice pos/sale/inv-9 was routed to the summary lane 'summary'", letter.Reason, StringComparison.Ordinal);
    }

    private async Task<(SqlLedgerTarget Books, DailySummaryTarget Summary)> CreateAsync()
    {
        var books = SqlLedgerTarget.ForSqlite($"Data Source={Path.Combine(_folder, "books.db")};Pooling=False");
        await books.EnsureSchemaAsync(Token);
        var summary = new DailySummaryTarget(books, new DailySummaryOptions { DatabasePath = Path.Combine(_folder, "summary.db") });
        _disposables.Add(summary);
        return (books, summary);
    }

    private readonly List<IDisposable> _disposables = [];

    private static SyncPipelineOptions Options()
    {
        var options = new SyncPipelineOptions { Parallelism = 2 };
        options.Lanes.Add(new LaneOptions { Name = "summary", BatchSize = 3 });
        return options;
    }

    private static SyncPipeline Pipeline(ITargetConnector target, SyncStores stores)
    {
        var options = Options();
        var routing = new RoutingOptions();
        routing.Rules.Add(new RouteRule { Lane = "summary", Kind = DocumentKind.SalesReceipt, BelowTotal = 100m });
        return new SyncPipeline(target, stores, options, router: new RuleRouter(routing, options));
    }

    private static List<AccountingDocument> Day1Receipts() =>
        [.. new[] { 10m, 20m, 30m, 40m, 50m }.Select((net, i) => (AccountingDocument)Receipt($"r{i + 1}", 1, 1, net))];

    private static List<AccountingDocument> Day2Receipts() => [Receipt("r6", 1, 2, 5m), Receipt("r7", 1, 2, 15m)];

    private static SalesReceipt Receipt(string id, long version, int day, decimal net) => new()
    {
        Source = new SourceIdentity("pos", "sale", id), Version = SourceVersion.FromSequence(version), Number = id,
        Date = new DateOnly(2026, 12, day), Currency = Currency.Gbp, PaymentMethod = "cash",
        Lines = [new SalesLine { Description = "Goods", Quantity = 1, UnitPrice = net, TaxRate = 0.20m }],
    };

    private static Invoice Invoice(string id) => new()
    {
        Source = new SourceIdentity("pos", "sale", id), Version = SourceVersion.FromSequence(1), Number = id,
        Date = new DateOnly(2026, 12, 1), Currency = Currency.Gbp,
        Lines = [new SalesLine { Description = "Goods", Quantity = 2, UnitPrice = 20m }],
    };

    private static async Task<List<TargetRecord>> ListAsync(ITargetReadBack target, string system)
    {
        var records = new List<TargetRecord>();
        await foreach (var record in target.ListBySystemAsync(system, Token))
        {
            records.Add(record);
        }

        return records;
    }

    private static async IAsyncEnumerable<AccountingDocument> ToAsync(IEnumerable<AccountingDocument> documents)
    {
        await Task.Yield();
        foreach (var document in documents)
        {
            yield return document;
        }
    }

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class DocumentSource(IEnumerable<AccountingDocument> documents) : ISourceConnector
    {
        public string Name => "pos";

        public SourceCapabilities Capabilities => new(SourceFeatures.FullExport);

        public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
            string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var document in documents)
            {
                yield return new SourceChange { Entity = document.Source, Version = document.Version, Payload = document };
            }
        }
    }
}
