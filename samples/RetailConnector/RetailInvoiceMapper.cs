using System.Globalization;
using System.Text.Json;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Retail;
using AccountingSync.Connectors;
using AccountingSync.Validation;

namespace RetailConnector;

/// <summary>
/// Maps the store's invoice JSON (from a webhook or the API) with the same rules the nightly export is loaded
/// with, so every lane books an invoice identically: the lines go through <see cref="OnlineRetailMapper"/> row
/// by row (trimming, GL accounts, walk-in customer, skip rules), exact repeats of a line count once, and the
/// lines that remain become one invoice or credit note.
/// </summary>
/// <remarks>
/// A line that breaks a rule fails the whole invoice here, to the dead-letter store with its path; the export's
/// loader fails only that row. An invoice whose lines are all skipped (free samples, stock adjustments) is skipped.
/// </remarks>
/// <param name="options">The retail rules; their <see cref="OnlineRetailOptions.System"/> must be the lanes' system.</param>
public sealed class RetailInvoiceMapper(OnlineRetailOptions options) : RecordMapper<JsonElement>
{
    private static readonly Dictionary<string, int> Index =
        RetailColumns.Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    private readonly OnlineRetailMapper _rules = new(options);

    /// <inheritdoc />
    protected override MappingResult Map(SourceChange change, JsonElement payload)
    {
        if (!payload.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            return MappingResult.Failed(new ValidationProblem("lines", ValidationCodes.Required, "The invoice has no lines array."));
        }

        var staged = new List<StagedRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<ValidationProblem>();
        var number = 0;
        foreach (var line in lines.EnumerateArray())
        {
            number++;
            var values = RetailColumns.Names.Select(c => line.TryGetProperty(c, out var v) ? v.GetString() : null).ToArray();
            var outcome = _rules.MapRow(new SourceRow(number, Index, values, CultureInfo.InvariantCulture));
            if (outcome.IsStaged)
            {
                // The export's loader keeps the first of exact repeats; so does every other lane.
                if (seen.Add(string.Join('\u001f', values)))
                {
                    staged.Add(new StagedRow(number, outcome.Payload!));
                }
            }
            else
            {
                problems.AddRange(outcome.Failures.Where(f => f.Disposition == RowDisposition.Failed).Select(f =>
                    new ValidationProblem($"lines[{number - 1}].{f.Column}", ValidationCodes.Format, $"{f.Rule}: {f.Message}")));
            }
        }

        if (problems.Count > 0)
        {
            return MappingResult.Failed(problems);
        }

        if (staged.Count == 0)
        {
            return MappingResult.Skipped("Every line of the invoice is skipped by a rule (free lines, stock adjustments).");
        }

        var document = _rules.BuildDocument(change.Entity.Id, staged);
        return document.Document is { } built
            ? MappingResult.Mapped(built)
            : MappingResult.Failed([.. document.Failures.Select(f =>
                new ValidationProblem($"lines[{f.RowNumber - 1}].{f.Column}", ValidationCodes.Format, $"{f.Rule}: {f.Message}"))]);
    }
}
