using AccountingSync.Connectors;
using AccountingSync.Conformance.Targets;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Tests.Sql;

public sealed class SqliteLedgerTargetTests : TargetConformance, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-sql-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "books.db")};Pooling=False";

    protected override ValueTask<ITargetConnector> CreateTargetAsync() =>
        ValueTask.FromResult<ITargetConnector>(SqlLedgerTarget.ForSqlite(ConnectionString));

    [Fact]
    public async Task WriteAsync_SameKeyTwice_StoresOneTransaction()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString);
        var write = WriteOf(target, SampleInvoice("1"));
        await target.WriteAsync(write, TestContext.Current.CancellationToken);
        await target.WriteAsync(write, TestContext.Current.CancellationToken);

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM ledger_transactions"));
        Assert.Equal(3L, Scalar("SELECT COUNT(*) FROM ledger_splits"));
    }

    [Fact]
    public async Task WriteBulkAsync_Documents_EveryTransactionBalancesAndBalancesMatchSource()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString);
        var writes = LedgerFixtures.MixedDocuments().Select(d => WriteOf(target, d)).ToArray();
        var results = new TargetWriteResult[writes.Length];

        await target.WriteBulkAsync(writes, results, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));
        Assert.Equal(0L, Scalar(
            "SELECT COUNT(*) FROM (SELECT transaction_id FROM ledger_splits GROUP BY transaction_id HAVING SUM(amount_minor) <> 0)"));
        foreach (var (code, expected) in LedgerFixtures.ExpectedBalances())
        {
            var actual = Scalar($"SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_splits WHERE account_code = '{code}'");
            Assert.Equal(Minor(expected), actual);
        }
    }

    [Fact]
    public async Task WriteAsync_UnbalancedJournal_RefusedAsValidationAndNothingStored()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString);
        var result = await target.WriteAsync(WriteOf(target, LedgerFixtures.UnbalancedJournal()), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorClass.Validation, result.Error);
        Assert.Contains("does not balance", result.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM ledger_transactions"));
    }

    [Fact]
    public async Task WriteAsync_NewerVersion_ReplacesSplitsAndKeepsSupersededRow()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        await target.WriteAsync(WriteOf(target, SampleInvoice("9", 1, 10m)), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("9", 2, 20m)), ct);

        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM ledger_transactions"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM ledger_transactions WHERE is_current = 1"));
        Assert.Equal(2400L, Scalar("SELECT SUM(amount_minor) FROM ledger_splits WHERE account_code = '1100'"));
    }

    [Fact]
    public async Task WriteAsync_Void_RemovesPostingsAndReadsBackZero()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        await target.WriteAsync(WriteOf(target, SampleInvoice("3")), ct);
        await target.WriteAsync(WriteOf(target, SampleInvoice("3", 2), ChangeOperation.Void), ct);

        var record = await target.FindBySourceAsync(new SourceIdentity("shop", "invoice", "3"), ct);
        Assert.Equal(0m, record!.Total!.Value.Amount);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM ledger_splits"));
    }

    [Fact]
    public async Task WriteBulkAsync_Outcomes_CountedOnLedgerWritesInstrument()
    {
        var target = SqlLedgerTarget.ForSqlite(ConnectionString, new SqlLedgerOptions { Name = "metrics-ledger" });
        var outcomes = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "accountingsync.ledger.writes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(map["accountingsync.target"], "metrics-ledger"))
            {
                outcomes.Add((string)map["accountingsync.outcome"]!);
            }
        });
        listener.Start();
        var good = WriteOf(target, SampleInvoice("1"));
        var writes = new[] { good, good, WriteOf(target, LedgerFixtures.UnbalancedJournal()) };

        await target.WriteBulkAsync(writes, new TargetWriteResult[3], TestContext.Current.CancellationToken);

        Assert.Equal(["written", "already_applied", "refused"], outcomes);
    }

    private static long Minor(decimal amount) => (long)(amount * 100);

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
