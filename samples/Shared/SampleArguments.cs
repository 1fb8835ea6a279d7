using System.Globalization;
using SimulatedStore;

namespace SampleSupport;

/// <summary>
/// A sample's command line: <c>[--input FILE] [--out DIR] [--invoices N]</c>. Without <c>--input</c> the sample
/// generates a day of trade; with it, it trades from an export in the <c>online_retail_prefix.csv</c> format.
/// </summary>
/// <param name="Input">The export to trade from, or null to generate one.</param>
/// <param name="Output">Where databases and reports go; <c>artifacts/&lt;name&gt;</c> under the current folder.</param>
/// <param name="Invoices">How many invoices a generated day has.</param>
internal sealed record SampleArguments(string? Input, string Output, int Invoices)
{
    /// <summary>Reads the arguments, or writes why they are wrong to standard error and returns null.</summary>
    public static SampleArguments? Parse(string[] args, string sample, string artifacts)
    {
        var parsed = new SampleArguments(null, Path.GetFullPath(Path.Combine("artifacts", artifacts)), 150);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            parsed = (args[i], value) switch
            {
                ("--input", { } v) => parsed with { Input = Path.GetFullPath(v) },
                ("--out", { } v) => parsed with { Output = Path.GetFullPath(v) },
                ("--invoices", { } v) when int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 =>
                    parsed with { Invoices = n },
                _ => null,
            };
            if (parsed is null)
            {
                Console.Error.WriteLine(
                    $"Unknown or incomplete argument '{args[i]}'. "
                    + $"Usage: {sample} [--input FILE] [--out DIR] [--invoices N]");
                return null;
            }

            i++;
        }

        if (parsed.Input is { } input && !File.Exists(input))
        {
            Console.Error.WriteLine($"The export {input} does not exist.");
            return null;
        }

        return parsed;
    }

    /// <summary>Reads the export, or generates a day of trade (the same one on every run).</summary>
    public RetailDataset LoadDataset() =>
        Input is null ? RetailDataset.Generate(Invoices, seed: 2026) : RetailDataset.Load(Input);

    /// <summary>Gets how the trade was made, for the first line a sample prints.</summary>
    public string Origin => Input is null ? "generated" : Path.GetFileName(Input);
}
