using System.Text.Json;
using AccountingSync.Batch.Mapping;
using nietras.SeparatedValues;

namespace AccountingSync.Batch.Reports;

/// <summary>Writes a job's failure report, one line per failed, skipped or duplicate row, as CSV or JSON.</summary>
/// <remarks>
/// Columns: <c>row</c>, <c>disposition</c>, <c>rule</c>, <c>column</c>, <c>value</c>, <c>message</c>. Values are
/// the source's own text, so a report can hold personal data the export held; store it like the export.
/// Both writers stream: the report is never held in memory.
/// </remarks>
public static class FailureReportWriter
{
    /// <summary>Writes the report as CSV with a header line.</summary>
    /// <param name="failures">The report lines, such as <see cref="BatchJob.ReadFailuresAsync"/>.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteCsvAsync(
        IAsyncEnumerable<RowFailure> failures, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = Sep.New(',').Writer(o => o with { Escape = true }).To(writer, leaveOpen: true);
        long count = 0;
        await foreach (var failure in failures.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using var row = csv.NewRow();
            row["row"].Format(failure.RowNumber);
            row["disposition"].Set(failure.Disposition.ToString());
            row["rule"].Set(failure.Rule);
            row["column"].Set(failure.Column ?? string.Empty);
            row["value"].Set(failure.Value ?? string.Empty);
            row["message"].Set(failure.Message);
            count++;
        }

        return count;
    }

    /// <summary>Writes the report as a JSON array of objects.</summary>
    /// <param name="failures">The report lines.</param>
    /// <param name="stream">Where to write; not closed.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteJsonAsync(
        IAsyncEnumerable<RowFailure> failures, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(stream);
        var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartArray();
            long count = 0;
            await foreach (var failure in failures.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                json.WriteStartObject();
                json.WriteNumber("row", failure.RowNumber);
                json.WriteString("disposition", failure.Disposition.ToString());
                json.WriteString("rule", failure.Rule);
                json.WriteString("column", failure.Column);
                json.WriteString("value", failure.Value);
                json.WriteString("message", failure.Message);
                json.WriteEndObject();
                if (++count % 1000 == 0)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }
}
