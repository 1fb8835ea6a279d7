using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace AccountingSync.Batch.Extract;

/// <summary>Streams the rows of a delimited text file with a header line, through the Sep parser.</summary>
/// <remarks>
/// <para>
/// Quoted fields (with separators, quotes or line breaks inside) are unquoted; nothing else is changed. A row
/// with fewer fields than the header gets null for the missing ones, so the mapper can name the column.
/// </para>
/// <para>The file is opened on each read and read one buffer at a time. This type is thread-safe.</para>
/// </remarks>
public sealed class CsvSource : IBatchSource
{
    private readonly Func<Stream> _open;
    private readonly CsvSourceOptions _options;

    /// <summary>Creates a source over a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">How to read it; defaults when null.</param>
    public CsvSource(string path, CsvSourceOptions? options = null)
        : this(Path.GetFileName(path), () => File.OpenRead(path), options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
    }

    /// <summary>Creates a source over a stream the caller can open again for each read.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="open">Opens the stream; the source disposes it.</param>
    /// <param name="options">How to read it; defaults when null.</param>
    public CsvSource(string name, Func<Stream> open, CsvSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        _options = options ?? new CsvSourceOptions();
        if (_options.BufferSize is < 4096 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.BufferSize, "CsvSourceOptions.BufferSize must be from 4 KiB to 16 MiB.");
        }

        Name = name;
        _open = open;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(
            _open(), _options.Encoding, detectEncodingFromByteOrderMarks: true, _options.BufferSize);
        using var reader = Sep.New(_options.Separator)
            .Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true })
            .From(text);
        var names = reader.Header.ColNames;
        var index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            index.TryAdd(names[i], i);
        }

        long number = 0;
        while (Next(reader, names.Count, out var values))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SourceRow(++number, index, values, _options.Culture);
            if (number % 4096 == 0)
            {
                // Reading is synchronous and buffered; yield now and then so a caller's cancellation is seen
                // promptly and the thread is not held for the whole file.
                await Task.Yield();
            }
        }
    }

    private static bool Next(SepReader reader, int columns, out string?[] values)
    {
        if (!reader.MoveNext())
        {
            values = [];
            return false;
        }

        var row = reader.Current;
        values = new string?[columns];
        for (var i = 0; i < columns && i < row.ColCount; i++)
        {
            values[i] = row[i].ToString();
        }

        return true;
    }
}
