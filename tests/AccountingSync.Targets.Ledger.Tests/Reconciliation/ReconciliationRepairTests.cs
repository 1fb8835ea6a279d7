using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Reconciliation;
using AccountingSync.Targets.Ledger.Sql;

namespace AccountingSync.Targets.Ledger.Tests.Reconciliation;

public sealed class ReconciliationRepairTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-repair-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_LostDeliveryAndDeadLetteredWrite_RepairsBothThroughThePipelineAndResolvesTheLetter()
    {
        var books = await BooksAsync();
        var stores = SyncStores.InMemory();
        var refuse = "2";
        var target = new RefusingTarget(books, id => id == refuse);
        var truth = Enumerable.Range(1, 5)
            .Select(i => Invoice(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 10m * i)).ToList();
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 2 });

        // The real-time lane lost invoice 4 and could not write invoice 2.
        var live = await pipeline.RunAsync(new DocumentSource("webhooks", truth.Where(d => d.Source.Id != "4")),
            DocumentPayloadMapper.Instance, Token);
        Assert.Equal((3, 1), (live.Written, live.DeadLettered));

        refuse = "none";
        var repair = new ReconciliationRepair(pipeline, books, stores.DeadLetters);
        var report = await repair.RunAsync("shop", new DocumentSource("export", truth), DocumentPayloadMapper.Instance, Token);

        Assert.False(report.Before.Passed);
        Assert.Equal(["shop/invoice/2", "shop/invoice/4"], report.Repairs.Select(r => r.Entity.ToString()));
        Assert.All(report.Repairs, r => Assert.Equal(DiscrepancyKind.MissingInTarget, r.Found.Kind));
        Assert.All(report.Repairs, r => Assert.True(r.Repaired));
        Assert.Equal((2, 2), (report.Run!.Read, report.Run.Written));
        Assert.True(report.Passed);
        Assert.Equal(1, report.DeadLettersResolved);
        Assert.Equal(0, await stores.DeadLetters.CountAsync(Token));

        var again = await repair.RunAsync("shop", new DocumentSource("export", truth), DocumentPayloadMapper.Instance, Token);
        Assert.True(again.Passed);
        Assert.Empty(again.Repairs);
        Assert.Null(again.Run);
    }

    [Fact]
    public async Task RunAsync_ExportOlderThanTheBooks_NeverOverwritesAndReportsTheMismatch()
    {
        var books = await BooksAsync();
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(books, stores, new SyncPipelineOptions { Parallelism = 1 });
        await pipeline.RunAsync(
            new DocumentSource("webhooks", [Invoice("1", version: 2, amount: 25m)]), DocumentPayloadMapper.Instance, Token);

        var export = new DocumentSource("export", [Invoice("1", version: 1, amount: 20m)]);
        var report = await new ReconciliationRepair(pipeline, books, stores.DeadLetters)
            .RunAsync("shop", export, DocumentPayloadMapper.Instance, Token);

        var outcome = Assert.Single(report.Repairs);
        Assert.Equal(DiscrepancyKind.AmountMismatch, outcome.Found.Kind);
        Assert.False(outcome.Repaired);
        Assert.Equal(1, report.Run!.Stale);
        Assert.False(report.Passed);
        Assert.Equal(25m, (await books.FindBySourceAsync(new SourceIdentity("shop", "invoice", "1"), Token))!.Total!.Value.Amount);
    }

    [Fact]
    public async Task RunAsync_RecordOnlyTheBooksHold_IsReportedAndNeverDeleted()
    {
        var books = await BooksAsync();
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(books, stores, new SyncPipelineOptions { Parallelism = 1 });
        await pipeline.RunAsync(new DocumentSource("webhooks", [Invoice("1", 1, 5m), Invoice("9", 1, 7m)]),
            DocumentPayloadMapper.Instance, Token);

        var report = await new ReconciliationRepair(pipeline, books, stores.DeadLetters)
            .RunAsync("shop", new DocumentSource("export", [Invoice("1", 1, 5m)]), DocumentPayloadMapper.Instance, Token);

        Assert.Empty(report.Repairs);
        var extra = Assert.Single(report.After.Discrepancies);
        Assert.Equal((DiscrepancyKind.ExtraInTarget, "9"), (extra.Kind, extra.Entity.Id));
        Assert.NotNull(await books.FindBySourceAsync(extra.Entity, Token));
    }

    [Fact]
    public async Task RunAsync_WritesBothReportFormats_WithTheRepairsListed()
    {
        var books = await BooksAsync();
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(books, stores, new SyncPipelineOptions { Parallelism = 1 });
        var report = await new ReconciliationRepair(pipeline, books)
            .RunAsync("shop", new DocumentSource("export", [Invoice("7", 1, 12.34m)]), DocumentPayloadMapper.Instance, Token);

        using var json = new MemoryStream();
        RepairReportWriter.WriteJson(report, json);
        using var parsed = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.True(parsed.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1, parsed.RootElement.GetProperty("repaired").GetInt32());
        Assert.Equal("MissingInTarget", parsed.RootElement.GetProperty("repairs")[0].GetProperty("found").GetString());
        Assert.False(parsed.RootElement.GetProperty("before").GetProperty("passed").GetBoolean());

        using var markdown = new StringWriter();
        RepairReportWriter.WriteMarkdown(report, markdown);
        Assert.Contains(": PASS", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| shop/invoice/7 | MissingInTarget | 12.34 GBP |", markdown.ToString(), StringComparison.Ordinal);
    }

    private async Task<SqlLedgerTarget> BooksAsync()
    {
        var books = SqlLedgerTarget.ForSqlite($"Data Source={Path.Combine(_folder, "books.db")};Pooling=False");
        await books.EnsureSchemaAsync(Token);
        return books;
    }

    private static Invoice Invoice(string id, long version, decimal amount) => new()
    {
        Source = new SourceIdentity("shop", "invoice", id), Version = SourceVersion.FromSequence(version), Number = "INV-" + id,
        Date = new DateOnly(2026, 12, 1), Currency = Currency.Gbp,
        Lines = [new SalesLine { Description = "Goods", Quantity = 1, UnitPrice = amount }],
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class DocumentSource(string name, IEnumerable<AccountingDocument> documents) : ISourceConnector
    {
        public string Name => name;

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

    /// <summary>Refuses, as a permanent failure, the writes of the entities a predicate names.</summary>
    private sealed class RefusingTarget(ITargetConnector inner, Func<string, bool> refuse) : TargetConnector
    {
        public override string Name => inner.Name;

        public override TargetCapabilities Capabilities => inner.Capabilities;

        public override ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) =>
            refuse(write.Document.Source.Id)
                ? ValueTask.FromResult(TargetWriteResult.Failed(ErrorClass.Permanent, "The books refused the invoice."))
                : inner.WriteAsync(write, cancellationToken);
    }
}
