using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Conformance.Targets;

/// <summary>
/// The contract every target connector with read-back must meet: idempotent keys, a result per bulk item,
/// read-back by source identity, and version order. Derive and implement <see cref="CreateTargetAsync"/>.
/// </summary>
public abstract class TargetConformance
{
    /// <summary>Creates a fresh, empty target.</summary>
    protected abstract ValueTask<ITargetConnector> CreateTargetAsync();

    /// <summary>
    /// Gets a document the target refuses as bad data (never as a transient failure). Ledger targets refuse a
    /// contact, which has no postings; override for a target that accepts contacts.
    /// </summary>
    protected virtual AccountingDocument RefusedDocument =>
        new Contact { Source = new SourceIdentity("shop", "customer", "9"), Name = "A" };

    /// <summary>Builds a valid invoice of 10.00 + 20 % VAT for an entity.</summary>
    protected static Invoice SampleInvoice(string id, long version = 1, decimal price = 10m) => new()
    {
        Source = new SourceIdentity("shop", "invoice", id),
        Version = SourceVersion.FromSequence(version),
        Number = "INV-" + id,
        Date = new DateOnly(2026, 11, 30),
        Currency = Currency.Gbp,
        Lines = [new SalesLine { Description = "Mug", Quantity = 1, UnitPrice = price, TaxRate = 0.20m }],
    };

    /// <summary>Builds the write the pipeline would make for a document.</summary>
    protected static TargetWrite WriteOf(
        ITargetConnector target, AccountingDocument document, ChangeOperation operation = ChangeOperation.Upsert) =>
        new(IdempotencyKey.Derive(target.Name, document.Source, document.Version, operation), document, operation);

    [Fact]
    public async Task WriteAsync_SameKeyTwice_SecondIsAlreadyAppliedWithFirstId()
    {
        var target = await CreateTargetAsync();
        var write = WriteOf(target, SampleInvoice("1"));

        var first = await target.WriteAsync(write, TestContext.Current.CancellationToken);
        var second = await target.WriteAsync(write, TestContext.Current.CancellationToken);

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, second.Status);
        Assert.Equal(first.TargetId, second.TargetId);
    }

    [Fact]
    public async Task WriteBulkAsync_MixedItems_ReturnsOneResultPerItemInOrder()
    {
        var target = await CreateTargetAsync();
        var good = WriteOf(target, SampleInvoice("1"));
        var refused = WriteOf(target, RefusedDocument);
        var writes = new[] { good, refused, WriteOf(target, SampleInvoice("2")), good };
        var results = new TargetWriteResult[writes.Length];

        await target.WriteBulkAsync(writes, results, TestContext.Current.CancellationToken);

        Assert.Equal(WriteStatus.Written, results[0].Status);
        Assert.Equal(WriteStatus.Failed, results[1].Status);
        Assert.NotEqual(ErrorClass.Transient, results[1].Error);
        Assert.False(string.IsNullOrWhiteSpace(results[1].Message));
        Assert.Equal(WriteStatus.Written, results[2].Status);
        Assert.Equal(WriteStatus.AlreadyApplied, results[3].Status);
        Assert.Equal(results[0].TargetId, results[3].TargetId);
        Assert.NotEqual(results[0].TargetId, results[2].TargetId);
    }

    [Fact]
    public async Task FindBySourceAsync_AfterWrite_ReturnsVersionTotalAndDate()
    {
        var target = await CreateTargetAsync();
        var invoice = SampleInvoice("7", version: 3);
        var written = await target.WriteAsync(WriteOf(target, invoice), TestContext.Current.CancellationToken);

        var record = await ReadBack(target).FindBySourceAsync(invoice.Source, TestContext.Current.CancellationToken);

        Assert.NotNull(record);
        Assert.Equal(written.TargetId, record.TargetId);
        Assert.Equal(invoice.Version, record.Version);
        Assert.Equal(DocumentKind.Invoice, record.Kind);
        Assert.Equal(new Money(12.00m, Currency.Gbp), record.Total);
        Assert.Equal(invoice.Date, record.Date);
        Assert.Null(await ReadBack(target).FindBySourceAsync(
            new SourceIdentity("shop", "invoice", "missing"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_NewerThenOlderVersion_NewerStays()
    {
        var target = await CreateTargetAsync();
        var ct = TestContext.Current.CancellationToken;
        await target.WriteAsync(WriteOf(target, SampleInvoice("5", version: 1, price: 10m)), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("5", version: 3, price: 30m)), ct);
        var stale = await target.WriteAsync(WriteOf(target, SampleInvoice("5", version: 2, price: 20m)), ct);

        var record = await ReadBack(target).FindBySourceAsync(new SourceIdentity("shop", "invoice", "5"), ct);

        Assert.True(stale.Succeeded);
        Assert.Equal(SourceVersion.FromSequence(3), record!.Version);
        Assert.Equal(36.00m, record.Total!.Value.Amount);
    }

    [Fact]
    public async Task WriteBulkAsync_VersionsOfOneEntityInOneCall_NewestWins()
    {
        var target = await CreateTargetAsync();
        var ct = TestContext.Current.CancellationToken;
        var writes = new[]
        {
            WriteOf(target, SampleInvoice("6", version: 1, price: 10m)),
            WriteOf(target, SampleInvoice("6", version: 3, price: 30m)),
            WriteOf(target, SampleInvoice("6", version: 2, price: 20m)),
        };
        var results = new TargetWriteResult[3];

        await target.WriteBulkAsync(writes, results, ct);
        var record = await ReadBack(target).FindBySourceAsync(new SourceIdentity("shop", "invoice", "6"), ct);

        Assert.Equal([WriteStatus.Written, WriteStatus.Written, WriteStatus.AlreadyApplied], results.Select(r => r.Status));
        Assert.Equal(results[1].TargetId, results[2].TargetId);
        Assert.Equal(36.00m, record!.Total!.Value.Amount);
    }

    [Fact]
    public async Task WriteAsync_Delete_ReadBackHoldsNothing()
    {
        var target = await CreateTargetAsync();
        var ct = TestContext.Current.CancellationToken;
        await target.WriteAsync(WriteOf(target, SampleInvoice("4")), ct);
        var delete = await target.WriteAsync(WriteOf(target, SampleInvoice("4", version: 2), ChangeOperation.Delete), ct);

        Assert.Equal(WriteStatus.Written, delete.Status);
        Assert.Null(await ReadBack(target).FindBySourceAsync(new SourceIdentity("shop", "invoice", "4"), ct));
    }

    [Fact]
    public async Task ListBySystemAsync_TwoSystems_ListsOnlyTheAskedOne()
    {
        var target = await CreateTargetAsync();
        var ct = TestContext.Current.CancellationToken;
        var other = SampleInvoice("1") with { Source = new SourceIdentity("pos", "invoice", "1") };
        await target.WriteAsync(WriteOf(target, SampleInvoice("1")), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("2")), ct);
        await target.WriteAsync(WriteOf(target, other), ct);

        var listed = new List<TargetRecord>();
        await foreach (var record in ReadBack(target).ListBySystemAsync("shop", ct))
        {
            listed.Add(record);
        }

        Assert.Equal(["1", "2"], listed.Select(r => r.Source.Id).Order(StringComparer.Ordinal));
    }

    private static ITargetReadBack ReadBack(ITargetConnector target) =>
        target as ITargetReadBack ?? throw new InvalidOperationException($"{target.Name} has no read-back.");
}
