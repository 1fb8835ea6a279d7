using System.Globalization;
using AccountingSync.Benchmarks.Batch;
using AccountingSync.Benchmarks.Webhooks.Load;
using BenchmarkDotNet.Running;

// The webhook load comparison's servers (driven by wrk, see Webhooks/Load/run-load.sh).
if (args is ["webhook-load", .. var rest])
{
    return await WebhookLoadServer.RunAsync(rest);
}

// The batch job's peak working set at a given row count: dotnet run ... -- batch-memory 1000000
if (args is ["batch-memory", var rowCount])
{
    await BatchMemoryProbe.RunAsync(int.Parse(rowCount, CultureInfo.InvariantCulture));
    return 0;
}

// Run one suite with: dotnet run -c Release --project benchmarks/AccountingSync.Benchmarks -- --filter '*Pipeline*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
