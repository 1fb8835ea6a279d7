using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project benchmarks/AccountingSync.Benchmarks -- --filter '*Pipeline*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
