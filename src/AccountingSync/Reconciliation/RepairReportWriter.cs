using System.Globalization;
using System.Text.Json;

namespace AccountingSync.Reconciliation;

/// <summary>Writes a <see cref="RepairReport"/> as JSON for machines or Markdown for people.</summary>
/// <remarks>
/// The JSON object has <c>passed</c>, <c>repaired</c>, <c>unrepaired</c>, <c>unmapped</c>,
/// <c>deadLettersResolved</c>, <c>run</c> (the repair run's counts, or null), <c>repairs</c> (entity, found kind,
/// expected, actual, repaired, remaining kind) and the <c>before</c> and <c>after</c> reconciliations in the shape
/// <see cref="ReconciliationReportWriter"/> writes.
/// </remarks>
public static class RepairReportWriter
{
    /// <summary>Writes the report as JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Where to write; not closed.</param>
    public static void WriteJson(RepairReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("passed", report.Passed);
        json.WriteNumber("repaired", report.Repaired);
        json.WriteNumber("unrepaired", report.Repairs.Count - report.Repaired);
        json.WriteNumber("unmapped", report.Unmapped);
        json.WriteNumber("deadLettersResolved", report.DeadLettersResolved);
        if (report.Run is { } run)
        {
            json.WriteStartObject("run");
            json.WriteString("stream", run.Stream);
            json.WriteNumber("read", run.Read);
            json.WriteNumber("written", run.Written);
            json.WriteNumber("alreadyApplied", run.AlreadyApplied);
            json.WriteNumber("duplicates", run.Duplicates);
            json.WriteNumber("stale", run.Stale);
            json.WriteNumber("deadLettered", run.DeadLettered);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("run");
        }

        json.WriteStartArray("repairs");
        foreach (var repair in report.Repairs)
        {
            json.WriteStartObject();
            json.WriteString("entity", repair.Entity.ToString());
            json.WriteString("found", repair.Found.Kind.ToString());
            json.WriteString("expected", repair.Found.Expected);
            json.WriteString("actual", repair.Found.Actual);
            json.WriteBoolean("repaired", repair.Repaired);
            json.WriteString("remaining", repair.Remaining?.Kind.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("before");
        ReconciliationReportWriter.Write(json, report.Before);
        json.WritePropertyName("after");
        ReconciliationReportWriter.Write(json, report.After);
        json.WriteEndObject();
    }

    /// <summary>Writes the report as Markdown: verdict, what was repaired, then the reconciliation after the repair.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write; not closed.</param>
    public static void WriteMarkdown(RepairReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        var after = report.After;
        writer.WriteLine(string.Create(c,
            $"# Reconciliation of {after.System} against {after.Target}: {(report.Passed ? "PASS" : "FAIL")}"));
        writer.WriteLine();
        writer.WriteLine(string.Create(c,
            $"Before repair: {report.Before.Discrepancies.Count} discrepancies over {report.Before.SourceCount} source documents. "
            + $"Sent back through the pipeline: {report.Repairs.Count}; repaired: {report.Repaired}; dead letters resolved: "
            + $"{report.DeadLettersResolved}; source records that could not be mapped: {report.Unmapped}."));
        writer.WriteLine();
        if (report.Repairs.Count > 0)
        {
            writer.WriteLine("## Repairs");
            writer.WriteLine();
            writer.WriteLine("| entity | found | expected | actual | repaired | still |");
            writer.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var r in report.Repairs)
            {
                writer.WriteLine(string.Create(c, $"| {ReconciliationReportWriter.Cell(r.Entity.ToString())} | {r.Found.Kind} | "
                    + $"{ReconciliationReportWriter.Cell(r.Found.Expected)} | {ReconciliationReportWriter.Cell(r.Found.Actual)} | "
                    + $"{(r.Repaired ? "yes" : "**no**")} | {r.Remaining?.Kind.ToString()} |"));
            }

            writer.WriteLine();
        }

        writer.WriteLine("## After repair");
        writer.WriteLine();
        ReconciliationReportWriter.WriteMarkdownBody(after, writer, "###");
    }
}
