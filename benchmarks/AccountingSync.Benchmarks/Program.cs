using AccountingSync.Benchmarks.Webhooks.Load;
using BenchmarkDotNet.Running;

// The webhook load comparison's servers (driven by wrk, see Webhooks/Load/run-load.sh).
if (args is ["webhook-load", .. var rest])
{
    return await WebhookLoadServer.RunAsync(rest);
}

// Run one suite with: dotnet run -c Release --project benchmarks/AccountingSync.Benchmarks -- --filter '*Pipeline*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
