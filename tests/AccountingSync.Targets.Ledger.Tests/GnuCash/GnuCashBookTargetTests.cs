using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Conformance;
using AccountingSync.Conformance.Targets;
using AccountingSync.Targets.Ledger.GnuCash;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Tests.GnuCash;

public sealed class GnuCashBookTargetTests : TargetConformance, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-gnucash-").FullName;

    private string BookPath => Path.Combine(_folder, "books.gnucash");

    protected override ValueTask<ITargetConnector> CreateTargetAsync() =>
        ValueTask.FromResult<ITargetConnector>(new GnuCashBookTarget(BookPath));

    [Fact]
    public async Task WriteBulkAsync_NewBookFromTemplate_BalancesReadThroughSqlMatchSource()
    {
        var target = await WriteFixturesAsync();

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM books"));
        Assert.Equal(4L, Scalar("SELECT table_version FROM versions WHERE table_name = 'transactions'"));
        Assert.True(Scalar("SELECT COUNT(*) FROM accounts") > 70, "the template's accounts were not imported");
        Assert.Equal(0L, Scalar(
            "SELECT COUNT(*) FROM (SELECT tx_guid FROM splits GROUP BY tx_guid HAVING SUM(value_num) <> 0)"));
        foreach (var (code, expected) in LedgerFixtures.ExpectedBalances())
        {
            var actual = Scalar(
                "SELECT COALESCE(SUM(s.value_num), 0) FROM splits s JOIN accounts a ON a.guid = s.account_guid "
                + $"WHERE a.code = '{code}' OR (a.name = '{Leaf(code)}' AND a.account_type <> 'ROOT')");
            Assert.Equal((long)(expected * 100), actual);
        }

        Assert.Equal(32, ((string)ScalarObject("SELECT guid FROM transactions LIMIT 1")).Length);
        Assert.NotNull(target);
    }

    [Fact]
    public async Task Book_OpenedByGnuCashEngine_BalancesMatchSource()
    {
        var python = ExternalTool.Require("/usr/bin/python3", "apt-get install python3-gnucash");
        if (!File.Exists("/usr/lib/python3/dist-packages/gnucash/__init__.py"))
        {
            ExternalTool.Require("/usr/lib/python3/dist-packages/gnucash/__init__.py", "apt-get install python3-gnucash");
        }

        await WriteFixturesAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "GnuCash", "gnucash_balances.py");

        var json = await ExternalTool.RunAsync(python, script, BookPath);

        var balances = JsonSerializer.Deserialize<Dictionary<string, long[]>>(json.Trim().Split('\n')[^1])!;
        foreach (var (code, expected) in LedgerFixtures.ExpectedBalances())
        {
            ChartOfAccounts.Default.TryGet(code, out var account);
            // GnuCash joins account names with its default separator, a full stop.
            Assert.True(balances.TryGetValue(account!.Path.Replace(':', '.'), out var rational), json);
            Assert.Equal(expected, (decimal)rational[0] / rational[1]);
        }
    }

    [Fact]
    public async Task EnsureBookAsync_BookHeldOpenByGnuCash_ThrowsLocked()
    {
        var target = new GnuCashBookTarget(BookPath);
        await target.EnsureBookAsync(TestContext.Current.CancellationToken);
        Execute("INSERT INTO gnclock VALUES ('desk-1', 4242)");

        var ex = await Assert.ThrowsAsync<GnuCashBookException>(
            () => target.EnsureBookAsync(TestContext.Current.CancellationToken).AsTask());
        var result = await target.WriteAsync(WriteOf(target, SampleInvoice("1")), TestContext.Current.CancellationToken);

        Assert.Equal(GnuCashBookProblem.Locked, ex.Reason);
        Assert.Contains("gnclock", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorClass.Transient, result.Error);
    }

    [Fact]
    public async Task EnsureBookAsync_UnknownTableVersion_ThrowsUnknownSchema()
    {
        var target = new GnuCashBookTarget(BookPath);
        await target.EnsureBookAsync(TestContext.Current.CancellationToken);
        Execute("UPDATE versions SET table_version = 9 WHERE table_name = 'splits'");

        var ex = await Assert.ThrowsAsync<GnuCashBookException>(
            () => target.EnsureBookAsync(TestContext.Current.CancellationToken).AsTask());
        var result = await target.WriteAsync(WriteOf(target, SampleInvoice("1")), TestContext.Current.CancellationToken);

        Assert.Equal(GnuCashBookProblem.UnknownSchema, ex.Reason);
        Assert.Contains("'splits'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorClass.Permanent, result.Error);
    }

    [Fact]
    public async Task EnsureBookAsync_FileThatIsNoBook_ThrowsUnknownSchema()
    {
        await File.WriteAllTextAsync(BookPath, string.Empty, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<GnuCashBookException>(
            () => new GnuCashBookTarget(BookPath).EnsureBookAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(GnuCashBookProblem.UnknownSchema, ex.Reason);
    }

    [Fact]
    public async Task EnsureBookAsync_BrokenTemplate_ThrowsAndLeavesNoHalfBook()
    {
        var template = Path.Combine(_folder, "broken.gnucash-xea");
        await File.WriteAllTextAsync(template, "<gnc-account-example><unclosed>", TestContext.Current.CancellationToken);
        var target = new GnuCashBookTarget(BookPath, new GnuCashBookOptions { TemplatePath = template });

        await Assert.ThrowsAsync<System.Xml.XmlException>(
            () => target.EnsureBookAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(File.Exists(BookPath));
    }

    private async Task<GnuCashBookTarget> WriteFixturesAsync()
    {
        var template = SharedData.Require("data/accounts/acctchrt_business.en_GB.gnucash-xea");
        var target = new GnuCashBookTarget(BookPath, new GnuCashBookOptions { TemplatePath = template });
        var writes = LedgerFixtures.MixedDocuments().Select(d => WriteOf(target, d)).ToArray();
        var results = new TargetWriteResult[writes.Length];
        await target.WriteBulkAsync(writes, results, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));

        // A replaced and a voided invoice leave only their latest effect.
        await target.WriteAsync(WriteOf(target, SampleInvoice("x", 1, 99m)), TestContext.Current.CancellationToken);
        await target.WriteAsync(WriteOf(target, SampleInvoice("x", 2, 99m), ChangeOperation.Void), TestContext.Current.CancellationToken);

        // A delete of something never synced leaves a marker transaction without splits, which GnuCash must accept.
        var ghost = await target.WriteAsync(
            WriteOf(target, SampleInvoice("ghost", 5), ChangeOperation.Delete), TestContext.Current.CancellationToken);
        Assert.Equal(WriteStatus.Written, ghost.Status);
        return target;
    }

    private static string Leaf(string code)
    {
        ChartOfAccounts.Default.TryGet(code, out var account);
        return account!.Path.Split(':')[^1];
    }

    private long Scalar(string sql) =>
        Convert.ToInt64(ScalarObject(sql), System.Globalization.CultureInfo.InvariantCulture);

    private object ScalarObject(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={BookPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={BookPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
