using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AccountingSync.Batch.Extract;

/// <summary>Streams the rows of a JSON Lines file: one JSON object per line, its top-level properties as columns.</summary>
/// <remarks>
/// <para>
/// The columns are the property names of the first object. Strings are taken as they are, numbers as their
/// JSON text (so <c>0.42</c> stays exact), booleans as <c>true</c>/<c>false</c>, null as a null value, and
/// nested objects or arrays as their JSON text. A line that is not a JSON object becomes a row with
/// <see cref="SourceRow.Error"/> set; blank lines are ignored but still counted, so row numbers match lines.
/// </para>
/// <para>Rows carry <see cref="CultureInfo.InvariantCulture"/>, the culture of JSON numbers. This type is thread-safe.</para>
/// </remarks>
public sealed class JsonLinesSource : IBatchSource
{
    private readonly Func<Stream> _open;

    /// <summary>Creates a source over a file.</summary>
    /// <param name="path">The file's path; UTF-8, with or without a byte-order mark.</param>
    public JsonLinesSource(string path)
        : this(Path.GetFileName(path), () => File.OpenRead(path))
    {
    }

    /// <summary>Creates a source over a stream the caller can open again for each read.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="open">Opens the stream; the source disposes it.</param>
    public JsonLinesSource(string name, Func<Stream> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        Name = name;
        _open = open;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(_open(), TextEncodings.Utf8, detectEncodingFromByteOrderMarks: true);
        Dictionary<string, int>? index = null;
        long number = 0;
        while (await text.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(number, line, ref index);
        }
    }

    private static SourceRow Parse(long number, string line, ref Dictionary<string, int>? index)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Broken(number, index, "The line is JSON but not an object.");
            }

            if (index is null)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    index.TryAdd(property.Name, index.Count);
                }
            }

            var values = new string?[index.Count];
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (index.TryGetValue(property.Name, out var i))
                {
                    values[i] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                }
            }

            return new SourceRow(number, index, values, CultureInfo.InvariantCulture);
        }
        catch (JsonException ex)
        {
            // The parser's message names the position only, never the payload.
            return Broken(number, index, $"The line is not valid JSON: {ex.Message}");
        }
    }

    private static SourceRow Broken(long number, Dictionary<string, int>? index, string error) =>
        new(number, index ?? new Dictionary<string, int>(), [], CultureInfo.InvariantCulture, error);
}
