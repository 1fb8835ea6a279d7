using AccountingSync.Reconciliation;

namespace SampleSupport;

/// <summary>What a sample prints at its end: the books by kind, the reconciliation's verdict, its own checks.</summary>
internal static class SampleConsole
{
    /// <summary>Prints the books' documents and totals by kind, beside what the source side says.</summary>
    public static void WriteKindTotals(ReconciliationReport report, string source)
    {
        foreach (var kind in report.KindTotals)
        {
            Console.WriteLine($"Books: {kind.Bucket,-11} {kind.TargetCount,5} documents {kind.Target,14:N2} "
                              + $"{kind.Currency} ({source} says {kind.SourceCount}, {kind.Source:N2})");
        }
    }

    /// <summary>Prints the reconciliation's verdict and where its report is.</summary>
    public static void WriteVerdict(ReconciliationReport report, string source, string path) =>
        Console.WriteLine($"Reconciliation: {report.SourceCount} {source}, {report.TargetCount} in the books, "
                          + $"{report.Matched} matched, {report.Discrepancies.Count} discrepancies: "
                          + $"{(report.Passed ? "PASS" : "FAIL")} ({path})");

    /// <summary>Prints each failed check, or the summary when all pass.</summary>
    /// <returns>The exit code: 0 when every check passed, 1 otherwise.</returns>
    public static int Conclude(IReadOnlyList<(bool Ok, string What)> checks, string summary)
    {
        foreach (var (_, what) in checks.Where(c => !c.Ok))
        {
            Console.WriteLine($"CHECK FAILED: {what}");
        }

        if (checks.Any(c => !c.Ok))
        {
            return 1;
        }

        Console.WriteLine("Check passed: " + summary);
        return 0;
    }
}
