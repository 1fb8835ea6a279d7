using AccountingSync.Pipeline;
using AccountingSync.Targets.Ledger.DependencyInjection;
using AccountingSync.Targets.Ledger.Hledger;
using AccountingSync.Targets.Ledger.Mapping;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Targets.Ledger.Tests.DependencyInjection;

public sealed class LedgerTargetsBuilderExtensionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-di-").FullName;

    [Fact]
    public async Task AddLedgers_ThreeTargets_EachPipelineWritesUnderItsName()
    {
        var services = new ServiceCollection().AddAccountingSync(sync => sync
            .AddSqliteLedger("books-db", $"Data Source={Path.Combine(_folder, "l.db")};Pooling=False")
            .AddGnuCashBook("books-gnucash", Path.Combine(_folder, "b.gnucash"))
            .AddHledgerJournal("books-journal", Path.Combine(_folder, "b.journal"), o => o.Name = "ignored"));
        await using var provider = services.BuildServiceProvider();
        var pipelines = provider.GetRequiredService<ISyncPipelineProvider>();

        Assert.Equal("books-db", pipelines.GetPipeline("books-db").TargetName);
        Assert.Equal("books-gnucash", pipelines.GetPipeline("books-gnucash").TargetName);
        Assert.Equal("books-journal", pipelines.GetPipeline("books-journal").TargetName);
    }

    [Fact]
    public async Task AddSqliteLedger_BadOptions_FailsNamingEachSetting()
    {
        var services = new ServiceCollection().AddAccountingSync(sync => sync.AddSqliteLedger(
            "books", "Data Source=x.db",
            o =>
            {
                o.MaxBulkSize = 0;
                o.Posting = new PostingOptions { TaxAccount = "9999" };
            }));
        await using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<SqlLedgerOptions>>();
        var ex = Assert.Throws<OptionsValidationException>(() => (object)monitor.Get("books"));

        Assert.Contains(ex.Failures, f => f.Contains("SqlLedgerOptions[books].MaxBulkSize", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Posting.TaxAccount", StringComparison.Ordinal)
            && f.Contains("'9999'", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new HledgerJournalTarget(
            Path.Combine(_folder, "j.journal"), new HledgerJournalOptions { MaxBulkSize = 20_000 }));

        Assert.Contains("MaxBulkSize", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
