using System.Globalization;
using HybridSync;

// The main job: one simulated trading day through every lane of the SDK into local books, then the nightly
// reconciliation report. `--input FILE` trades from a real export in the online_retail_prefix.csv format.
var options = new ScenarioOptions { OutputDirectory = Path.GetFullPath(Path.Combine("artifacts", "hybrid")) };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--input" when i + 1 < args.Length: options = options with { InputFile = Path.GetFullPath(args[++i]) }; break;
        case "--out" when i + 1 < args.Length: options = options with { OutputDirectory = Path.GetFullPath(args[++i]) }; break;
        case "--invoices" when i + 1 < args.Length:
            options = options with { GeneratedInvoices = int.Parse(args[++i], CultureInfo.InvariantCulture) };
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: HybridSync [--input FILE] [--out DIR] [--invoices N]");
            return 2;
    }
}

if (options.InputFile is { } input && !File.Exists(input))
{
    Console.Error.WriteLine($"The export {input} does not exist.");
    return 2;
}

ScenarioOutcome outcome;
try
{
    outcome = await HybridScenario.RunAsync(options, Console.Out, CancellationToken.None);
}
catch (InvalidDataException ex)
{
    Console.Error.WriteLine($"The export cannot be used: {ex.Message}");
    return 2;
}

var report = outcome.Nightly.Report;
Console.WriteLine();
Console.WriteLine($"Books ({Path.Combine(options.OutputDirectory, "books.db")}):");
foreach (var (kind, (count, total)) in outcome.Books.OrderBy(b => b.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {kind,-11} {count,6}   {total,14:N2} GBP");
}

Console.WriteLine($"Faults met: books 503 x{outcome.TargetFaults.Unavailable}, 429 x{outcome.TargetFaults.Throttled}, "
                  + $"writes refused x{outcome.TargetFaults.Refused} (redeliveries included); store API 429 x{outcome.ApiThrottled}; "
                  + $"{outcome.InboxEvents} distinct webhook events stored.");
Console.WriteLine($"Reconciliation: {report.After.SourceCount} export documents, {report.After.TargetCount} in the books, "
                  + $"{report.After.Matched} matched, {report.After.Discrepancies.Count} discrepancies after repair: "
                  + (report.Passed ? "PASS" : "FAIL"));
Console.WriteLine($"Export rows not booked ({outcome.Nightly.RowsReported}, by rule): {outcome.Nightly.RowReportPath}");
Console.WriteLine($"Report: {outcome.Nightly.MarkdownPath} (and .json)");
Console.WriteLine($"Wall time {outcome.Elapsed.TotalSeconds:F1} s, peak working set {outcome.PeakWorkingSet / 1024 / 1024} MiB.");
Console.WriteLine(outcome.Passed
    ? "Check passed: every document of the export is in the books once, totals agree, no dead letters left."
    : "CHECK FAILED");
return outcome.Passed ? 0 : 1;
