using System.Globalization;
using System.Text.Json;

namespace AccountingSync.Reconciliation;

/// <summary>Writes a <see cref="ReconciliationReport"/> as JSON for machines or Markdown for people.</summary>
/// <remarks>
/// The JSON has stable, camel-case property names: <c>passed</c>, <c>system</c>, <c>target</c>, <c>createdAt</c>,
/// <c>sourceCount</c>, <c>targetCount</c>, <c>matched</c>, <c>discrepancies</c>, <c>dailyTotals</c> and
/// <c>kindTotals</c>. Amounts are JSON numbers written from <see cref="decimal"/>, never rounded through a double.
/// </remarks>
public static class ReconciliationReportWriter
{
    /// <summary>Writes the report as JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Where to write; not closed.</param>
    public static void WriteJson(ReconciliationReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        Write(json, report);
    }

    /// <summary>Writes the report as one JSON object, for writers that embed it.</summary>
    internal static void Write(Utf8JsonWriter json, ReconciliationReport report)
    {
        json.WriteStartObject();
        json.WriteBoolean("passed", report.Passed);
        json.WriteString("system", report.System);
        json.WriteString("target", report.Target);
        json.WriteString("createdAt", report.CreatedAt);
        json.WriteNumber("sourceCount", report.SourceCount);
        json.WriteNumber("targetCount", report.TargetCount);
        json.WriteNumber("matched", report.Matched);
        json.WriteStartArray("discrepancies");
        foreach (var d in report.Discrepancies)
        {
            json.WriteStartObject();
            json.WriteString("kind", d.Kind.ToString());
            json.WriteString("entity", d.Entity.ToString());
            json.WriteString("expected", d.Expected);
            json.WriteString("actual", d.Actual);
            json.WriteString("targetId", d.TargetId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteTotals(json, "dailyTotals", report.DailyTotals);
        WriteTotals(json, "kindTotals", report.KindTotals);
        json.WriteEndObject();
    }

    /// <summary>Writes the report as a Markdown document: verdict, counts, discrepancies, totals.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write; not closed.</param>
    public static void WriteMarkdown(ReconciliationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var verdict = report.Passed ? "PASS" : "FAIL";
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"# Reconciliation of {report.System} against {report.Target}: {verdict}"));
        writer.WriteLine();
        WriteMarkdownBody(report, writer, "##");
    }

    /// <summary>Writes the report's counts, discrepancies and totals under headings of the given level.</summary>
    internal static void WriteMarkdownBody(ReconciliationReport report, TextWriter writer, string heading)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"Made {report.CreatedAt:u}. Source documents: {report.SourceCount}; target records: "
            + $"{report.TargetCount}; matched: {report.Matched}; discrepancies: {report.Discrepancies.Count}."));
        writer.WriteLine();
        if (report.Discrepancies.Count > 0)
        {
            writer.WriteLine(heading + " Discrepancies");
            writer.WriteLine();
            writer.WriteLine("| kind | entity | expected | actual | target id |");
            writer.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var d in report.Discrepancies)
            {
                writer.WriteLine(string.Create(c,
                    $"| {d.Kind} | {Cell(d.Entity.ToString())} | {Cell(d.Expected)} | {Cell(d.Actual)} | {Cell(d.TargetId)} |"));
            }

            writer.WriteLine();
        }

        WriteTotals(writer, heading + " Totals per day", report.DailyTotals);
        WriteTotals(writer, heading + " Totals per document kind", report.KindTotals);
    }

    private static void WriteTotals(Utf8JsonWriter json, string name, IReadOnlyList<ReconciliationTotal> totals)
    {
        json.WriteStartArray(name);
        foreach (var t in totals)
        {
            json.WriteStartObject();
            json.WriteString("bucket", t.Bucket);
            json.WriteString("currency", t.Currency);
            json.WriteNumber("source", t.Source);
            json.WriteNumber("target", t.Target);
            json.WriteNumber("difference", t.Difference);
            json.WriteNumber("sourceCount", t.SourceCount);
            json.WriteNumber("targetCount", t.TargetCount);
            json.WriteBoolean("matches", t.Matches);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTotals(TextWriter writer, string title, IReadOnlyList<ReconciliationTotal> totals)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(title);
        writer.WriteLine();
        writer.WriteLine("| bucket | currency | source | target | difference | source n | target n | ok |");
        writer.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var t in totals)
        {
            writer.WriteLine(string.Create(c, $"| {Cell(t.Bucket)} | {t.Currency} | {t.Source:0.00} | {t.Target:0.00} | "
                + $"{t.Difference:0.00} | {t.SourceCount} | {t.TargetCount} | {(t.Matches ? "yes" : "**no**")} |"));
        }

        writer.WriteLine();
    }

    // A pipe or line break in an id would break the table.
    internal static string Cell(string? text) =>
        text is null ? string.Empty : text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
