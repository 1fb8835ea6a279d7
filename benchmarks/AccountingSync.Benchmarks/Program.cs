using AccountingSync.Benchmarks.Pipeline;
using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project benchmarks/AccountingSync.Benchmarks -- --filter '*Pipeline*'
if (args is ["batch-memory", var rowCount])
{
    await AccountingSync.Benchmarks.Batch.BatchMemoryProbe.RunAsync(int.Parse(rowCount, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["probe"])
{
    await PipelineProbe.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
