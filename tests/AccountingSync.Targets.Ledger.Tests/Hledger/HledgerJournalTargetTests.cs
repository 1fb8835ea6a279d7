using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Conformance.Targets;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Hledger;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Tests.Hledger;

public sealed class HledgerJournalTargetTests : TargetConformance, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-hledger-").FullName;

    private string JournalPath => Path.Combine(_folder, "books.journal");

    protected override ValueTask<ITargetConnector> CreateTargetAsync() =>
        ValueTask.FromResult<ITargetConnector>(new HledgerJournalTarget(JournalPath));

    [Fact]
    public async Task WriteAsync_SameKeyFromFreshTarget_NotAppendedAgain()
    {
        var write = WriteOf(new HledgerJournalTarget(JournalPath), SampleInvoice("1"));
        var first = await new HledgerJournalTarget(JournalPath).WriteAsync(write, TestContext.Current.CancellationToken);
        var length = new FileInfo(JournalPath).Length;

        var again = await new HledgerJournalTarget(JournalPath).WriteAsync(write, TestContext.Current.CancellationToken);

        Assert.Equal(WriteStatus.AlreadyApplied, again.Status);
        Assert.Equal(first.TargetId, again.TargetId);
        Assert.Equal(length, new FileInfo(JournalPath).Length);
    }

    [Fact]
    public async Task WriteAsync_JournalEditedByHand_KeepsIndexAndHandEdits()
    {
        var target = new HledgerJournalTarget(JournalPath);
        var ct = TestContext.Current.CancellationToken;
        var write = WriteOf(target, SampleInvoice("1"));
        await target.WriteAsync(write, ct);
        await File.AppendAllTextAsync(JournalPath,
            "; a note typed by the bookkeeper\n1 ;odd\n2026/11/30 Tea  ; key:x\n"
            + "2026-11-30 Coffee  ; paid: petty cash\n    Expenses:Dining  3.20 GBP\n"
            + "    Assets:Current Assets:Petty Cash\n\n", ct);

        var again = await target.WriteAsync(write, ct);
        var next = await target.WriteAsync(WriteOf(target, SampleInvoice("2")), ct);

        Assert.Equal(WriteStatus.AlreadyApplied, again.Status);
        Assert.Equal(WriteStatus.Written, next.Status);
        Assert.Contains("Coffee", await File.ReadAllTextAsync(JournalPath, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindBySourceAsync_IdAndTagWithCommasFromFreshTarget_RoundTrips()
    {
        var ct = TestContext.Current.CancellationToken;
        var invoice = SampleInvoice("a,b/c%2C") with { Version = SourceVersion.FromETag("W/\"x,y\"") };
        var target = new HledgerJournalTarget(JournalPath);
        await target.WriteAsync(WriteOf(target, invoice), ct);

        var record = await new HledgerJournalTarget(JournalPath).FindBySourceAsync(invoice.Source, ct);

        Assert.NotNull(record);
        Assert.Equal(invoice.Version, record.Version);
        Assert.Equal(12.00m, record.Total!.Value.Amount);
    }

    [Fact]
    public async Task Balance_ThroughHledger_MatchesSourceTotals()
    {
        var hledger = ExternalTool.Require("hledger", "apt-get install hledger");
        var target = new HledgerJournalTarget(JournalPath);
        var ct = TestContext.Current.CancellationToken;
        var documents = LedgerFixtures.MixedDocuments();
        var writes = documents.Select(d => WriteOf(target, d)).ToArray();
        var results = new TargetWriteResult[writes.Length];
        await target.WriteBulkAsync(writes, results, ct);
        // A replaced and a voided document leave only their latest effect.
        await target.WriteAsync(WriteOf(target, SampleInvoice("x", 1, 99m)), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("x", 2, 99m), ChangeOperation.Void), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("ghost", 4), ChangeOperation.Delete), ct);

        var csv = await ExternalTool.RunAsync(hledger, "-f", JournalPath, "balance", "--flat", "-O", "csv", "--empty");

        var balances = ParseBalances(csv);
        foreach (var (code, expected) in LedgerFixtures.ExpectedBalances())
        {
            ChartOfAccounts.Default.TryGet(code, out var account);
            Assert.Equal(expected, balances.GetValueOrDefault(account!.Path));
        }
    }

    private static Dictionary<string, decimal> ParseBalances(string csv)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var cells = line.Trim().Split("\",\"");
            var account = cells[0].Trim('"');
            var amount = cells[1].Trim('"').Replace(" GBP", string.Empty, StringComparison.Ordinal);
            balances[account] = decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return balances;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
