using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Sql;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;

namespace AccountingSync.Benchmarks.Ledger;

/// <summary>
/// The SQL ledger on PostgreSQL beside raw inserts of the same rows through Npgsql, into a fresh schema per
/// iteration. Needs <c>ACCOUNTINGSYNC_POSTGRES</c> (a connection string); run it with
/// <c>--filter '*PostgreSqlLedgerBenchmarks*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class PostgreSqlLedgerBenchmarks
{
    private static readonly (string Account, long Minor)[] Legs = [("1100", 2190), ("4000", -1825), ("2200", -365)];
    private string _connectionString = string.Empty;
    private TargetWrite[] _writes = [];
    private TargetWriteResult[] _results = [];
    private NpgsqlDataSource? _ledgerSource;
    private NpgsqlDataSource? _rawSource;
    private SqlLedgerTarget? _ledger;
    private string _schema = string.Empty;

    /// <summary>Invoices per bulk call.</summary>
    [Params(500)]
    public int Count { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _connectionString = Environment.GetEnvironmentVariable("ACCOUNTINGSYNC_POSTGRES")
            ?? throw new InvalidOperationException("Set ACCOUNTINGSYNC_POSTGRES to a PostgreSQL connection string.");
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
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _schema = "bench_" + Guid.NewGuid().ToString("N");
        Execute(_connectionString, $"CREATE SCHEMA {_schema}_l; CREATE SCHEMA {_schema}_r");
        _ledgerSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = _schema + "_l" }.ToString());
        _rawSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = _schema + "_r" }.ToString());
        _ledger = SqlLedgerTarget.ForPostgreSql(_ledgerSource);
        _ledger.EnsureSchemaAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        SqlLedgerTarget.ForPostgreSql(_rawSource).EnsureSchemaAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _ledgerSource!.Dispose();
        _rawSource!.Dispose();
        Execute(_connectionString, $"DROP SCHEMA {_schema}_l CASCADE; DROP SCHEMA {_schema}_r CASCADE");
    }

    [Benchmark(Baseline = true)]
    public void PostgreSqlRawInsert()
    {
        using var connection = _rawSource!.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var txn = new NpgsqlCommand(
            "INSERT INTO ledger_transactions (idempotency_key, source_system, source_type, source_id, version_kind, "
            + "version_ordinal, version_tag, document_kind, operation, posted_on, currency, currency_digits, total_minor, "
            + "number, description, is_current, written_at) VALUES (@key, 'shop', 'invoice', @id, 2, 1, NULL, 'Invoice', "
            + "'Upsert', DATE '2026-11-30', 'GBP', 2, 2190, @number, @number, 1, now()) RETURNING id", connection, transaction);
        var key = txn.Parameters.Add(new NpgsqlParameter<string>("key", string.Empty));
        var id = txn.Parameters.Add(new NpgsqlParameter<string>("id", string.Empty));
        var number = txn.Parameters.Add(new NpgsqlParameter<string>("number", string.Empty));
        using var split = new NpgsqlCommand(
            "INSERT INTO ledger_splits (transaction_id, account_code, amount_minor, currency, memo) "
            + "VALUES (@t, @a, @m, 'GBP', @memo)", connection, transaction);
        var t = split.Parameters.Add(new NpgsqlParameter<long>("t", 0L));
        var a = split.Parameters.Add(new NpgsqlParameter<string>("a", string.Empty));
        var m = split.Parameters.Add(new NpgsqlParameter<long>("m", 0L));
        var memo = split.Parameters.Add(new NpgsqlParameter<string>("memo", string.Empty));
        for (var i = 0; i < _writes.Length; i++)
        {
            key.Value = _writes[i].Key.ToString();
            id.Value = _writes[i].Document.Source.Id;
            number.Value = memo.Value = "INV-" + _writes[i].Document.Source.Id;
            t.Value = (long)txn.ExecuteScalar()!;
            foreach (var (account, amount) in Legs)
            {
                a.Value = account;
                m.Value = amount;
                split.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    [Benchmark]
    public Task SqlLedgerOnPostgreSql() => _ledger!.WriteBulkAsync(_writes, _results, CancellationToken.None).AsTask();

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
