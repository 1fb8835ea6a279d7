using AccountingSync.Batch;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.KillHost;
using AccountingSync.Batch.Retail;
using AccountingSync.Targets.Ledger.Mapping;
using AccountingSync.Targets.Ledger.Sql;

// Usage: AccountingSync.Batch.KillHost <csv file> <staging database file> <ledger database file> [parallelism]
// Runs the retail batch job in small chunks, printing "progress" after each chunk the ledger commits, then "done".
if (args.Length is not (3 or 4))
{
    Console.Error.WriteLine("usage: <csv file> <staging database file> <ledger database file> [parallelism]");
    return 2;
}

var ledger = SqlLedgerTarget.ForSqlite(
    $"Data Source={args[2]};Pooling=False",
    new SqlLedgerOptions
    {
        Posting = new PostingOptions
        {
            Chart = ChartOfAccounts.Default.With(
                new LedgerAccount("4100", "Postage and Carriage", LedgerAccountType.Income, "Income:Postage and Carriage")),
        },
    });
var job = new BatchJob(
    new BatchJobOptions
    {
        JobId = "killed", StagingConnectionString = $"Data Source={args[1]};Pooling=False", StageChunkSize = 500,
        LoadChunkSize = 20,
        MaxDegreeOfParallelism = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
    },
    new CsvSource(args[0]), new OnlineRetailMapper(), new ReportingTarget(ledger));
var result = await job.RunAsync(CancellationToken.None);
Console.Out.WriteLine($"result loaded={result.RowsLoaded} written={result.DocumentsWritten} applied={result.DocumentsAlreadyApplied}");
Console.Out.WriteLine("done");
return 0;
