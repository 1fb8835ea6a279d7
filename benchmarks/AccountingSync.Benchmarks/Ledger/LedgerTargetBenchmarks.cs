using System.Globalization;
using System.Text;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.GnuCash;
using AccountingSync.Targets.Ledger.Hledger;
using AccountingSync.Targets.Ledger.Sql;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Benchmarks.Ledger;

/// <summary>
/// One bulk call of <see cref="Count"/> invoices into each ledger target, beside a raw write of the same rows
/// (or the same journal text) through the same driver into a fresh store. Transactions per second are
/// <see cref="Count"/> divided by the mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public partial class LedgerTargetBenchmarks
{
    private string _folder = string.Empty;
    private TargetWrite[] _writes = [];
    private TargetWriteResult[] _results = [];
    private SqlLedgerTarget? _sql;
    private GnuCashBookTarget? _book;
    private HledgerJournalTarget? _journal;
    private string _rawDb = string.Empty;
    private string _rawBook = string.Empty;
    private string _rawJournal = string.Empty;
    private string _journalText = string.Empty;

    /// <summary>Invoices per bulk call.</summary>
    [Params(500)]
    public int Count { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _results = new TargetWriteResult[Count];
        _writes = new TargetWrite[Count];
        for (var i = 0; i < Count; i++)
        {
            var invoice = new Invoice
            {
                Source = new SourceIdentity("shop", "invoice", i.ToString(CultureInfo.InvariantCulture)),
                Version = SourceVersion.FromSequence(1), Number = "INV-" + i, Date = new DateOnly(2026, 11, 30),
                Currency = Currency.Gbp,
                Lines =
                [
                    new SalesLine { Description = "Mug", Quantity = 2, UnitPrice = 7.50m, TaxRate = 0.20m },
                    new SalesLine { Description = "Tea", Quantity = 1, UnitPrice = 3.25m, TaxRate = 0.20m },
                ],
            };
            _writes[i] = new TargetWrite(
                IdempotencyKey.Derive("bench", invoice.Source, invoice.Version, ChangeOperation.Upsert), invoice, ChangeOperation.Upsert);
        }

        // The raw journal baseline appends exactly the text the target writes.
        var folder = Directory.CreateTempSubdirectory("ledger-bench-text-").FullName;
        var journal = new HledgerJournalTarget(Path.Combine(folder, "j.journal"));
        journal.WriteBulkAsync(_writes, _results, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _journalText = File.ReadAllText(journal.JournalPath);
        Directory.Delete(folder, recursive: true);
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _folder = Directory.CreateTempSubdirectory("ledger-bench-").FullName;
        _sql = SqlLedgerTarget.ForSqlite($"Data Source={Path.Combine(_folder, "ledger.db")}");
        _sql.EnsureSchemaAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _rawDb = $"Data Source={Path.Combine(_folder, "raw.db")}";
        SqlLedgerTarget.ForSqlite(_rawDb).EnsureSchemaAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

        _book = new GnuCashBookTarget(Path.Combine(_folder, "books.gnucash"));
        _book.EnsureBookAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var rawBookPath = Path.Combine(_folder, "raw.gnucash");
        new GnuCashBookTarget(rawBookPath).EnsureBookAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _rawBook = $"Data Source={rawBookPath};Pooling=False";

        _journal = new HledgerJournalTarget(Path.Combine(_folder, "books.journal"));
        _rawJournal = Path.Combine(_folder, "raw.journal");
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sqlite")]
    public void SqliteRawInsert() => RawSqlInsert(_rawDb);

    [Benchmark, BenchmarkCategory("sqlite")]
    public Task SqlLedger() => _sql!.WriteBulkAsync(_writes, _results, CancellationToken.None).AsTask();

    [Benchmark(Baseline = true), BenchmarkCategory("gnucash")]
    public void GnuCashRawInsert() => RawGnuCashInsert(_rawBook);

    [Benchmark, BenchmarkCategory("gnucash")]
    public Task GnuCashBook() => _book!.WriteBulkAsync(_writes, _results, CancellationToken.None).AsTask();

    [Benchmark(Baseline = true), BenchmarkCategory("hledger")]
    public void HledgerRawAppend()
    {
        using var stream = new FileStream(_rawJournal, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(_journalText));
        stream.Flush(flushToDisk: true);
    }

    [Benchmark, BenchmarkCategory("hledger")]
    public Task HledgerJournal() => _journal!.WriteBulkAsync(_writes, _results, CancellationToken.None).AsTask();
}
