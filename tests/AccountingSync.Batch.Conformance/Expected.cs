using System.Globalization;

namespace AccountingSync.Batch.Conformance;

/// <summary>
/// What the retail rules should make of the export, worked out independently of the job: a plain line split
/// (the export's quoted fields hold commas but never quotes) and the rules restated in a few lines.
/// </summary>
public sealed record Expected(long Duplicates, long Skipped, IReadOnlyDictionary<string, decimal> Documents)
{
    public static Expected From(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long duplicates = 0, skipped = 0;
        var documents = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (!seen.Add(line))
            {
                duplicates++;
                continue;
            }

            var f = Split(line);
            var invoice = f[0].Trim();
            var quantity = int.Parse(f[3], CultureInfo.InvariantCulture);
            var price = decimal.Parse(f[5], CultureInfo.InvariantCulture);
            if ((quantity < 0 && !invoice.StartsWith('C')) || price == 0m)
            {
                skipped++;
                continue;
            }

            var net = decimal.Round(Math.Abs(quantity) * price, 2, MidpointRounding.AwayFromZero);
            documents[invoice] = documents.GetValueOrDefault(invoice) + net;
        }

        return new Expected(duplicates, skipped, documents);
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || (line[i] == ',' && !quoted))
            {
                fields.Add(line[start..i].Trim('"'));
                start = i + 1;
            }
            else if (line[i] == '"')
            {
                quoted = !quoted;
            }
        }

        return fields;
    }
}
