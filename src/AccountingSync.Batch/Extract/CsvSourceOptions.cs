using System.Globalization;
using System.Text;

namespace AccountingSync.Batch.Extract;

/// <summary>How a <see cref="CsvSource"/> reads a delimited file.</summary>
public sealed record CsvSourceOptions
{
    /// <summary>Gets the field separator.</summary>
    /// <value>Defaults to a comma; use <c>;</c> for exports from locales that write decimal commas.</value>
    public char Separator { get; init; } = ',';

    /// <summary>Gets the encoding of a file that starts with no byte-order mark.</summary>
    /// <value>Defaults to UTF-8.</value>
    /// <remarks>
    /// A UTF-8 or UTF-16 byte-order mark always wins over this setting, so one job can read files saved with
    /// and without a mark. Use <see cref="TextEncodings.Windows1252"/> for legacy Windows exports.
    /// </remarks>
    public Encoding Encoding { get; init; } = TextEncodings.Utf8;

    /// <summary>Gets the culture the file's numbers and dates are written in; handed to the mapper on each row.</summary>
    /// <value>Defaults to <see cref="CultureInfo.InvariantCulture"/> (decimal point).</value>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>Gets the size of the read buffer in bytes.</summary>
    /// <value>Defaults to 64 KiB.</value>
    /// <remarks>From 4 KiB to 16 MiB. Memory use stays at about this size whatever the file's length.</remarks>
    public int BufferSize { get; init; } = 64 * 1024;
}
