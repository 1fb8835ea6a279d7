using AccountingSync.Reconciliation;

namespace SampleSupport;

/// <summary>The samples' output folder: cleaned at start, and where the reconciliation report goes.</summary>
internal static class Artifacts
{
    /// <summary>Creates the folder, or empties it of a previous run's databases and reports.</summary>
    public static void Clean(string folder)
    {
        Directory.CreateDirectory(folder);
        string[] kinds = [".db", ".db-wal", ".db-shm", ".md", ".json", ".csv"];
        var old = Directory.EnumerateFiles(folder).Where(f => kinds.Any(k => f.EndsWith(k, StringComparison.Ordinal)));
        foreach (var file in old)
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Writes the report as <c>reconciliation.md</c> for people and <c>reconciliation.json</c> for machines.
    /// </summary>
    /// <returns>The Markdown file's path.</returns>
    public static async Task<string> WriteReportAsync(ReconciliationReport report, string folder)
    {
        var markdown = Path.Combine(folder, "reconciliation.md");
        await using (var writer = File.CreateText(markdown))
        {
            ReconciliationReportWriter.WriteMarkdown(report, writer);
        }

        await using (var json = File.Create(Path.Combine(folder, "reconciliation.json")))
        {
            ReconciliationReportWriter.WriteJson(report, json);
        }

        return markdown;
    }
}
