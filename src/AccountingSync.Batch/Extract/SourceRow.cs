using System.Globalization;

namespace AccountingSync.Batch.Extract;

/// <summary>One row read from a batch source: its number in the file, its named values and the file's culture.</summary>
/// <remarks>
/// <para>
/// Values are the raw text of each field, unquoted but not trimmed: trimming is a mapping rule, so a mapper can
/// report it. A row the source could not read at all (a line that is not JSON) carries <see cref="Error"/>
/// and no values; the job records it as a failed row and goes on.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class SourceRow
{
    private readonly IReadOnlyDictionary<string, int> _index;
    private readonly string?[] _values;

    /// <summary>Creates a row.</summary>
    /// <param name="rowNumber">The row's 1-based number among data rows (the header is not counted).</param>
    /// <param name="index">The column index by name, shared by every row of the source.</param>
    /// <param name="values">The values, by column position; null where the row has no such field.</param>
    /// <param name="culture">The culture the source declares for numbers and dates.</param>
    /// <param name="error">Why the row could not be read, when it could not.</param>
    public SourceRow(
        long rowNumber, IReadOnlyDictionary<string, int> index, string?[] values, CultureInfo culture, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(culture);
        RowNumber = rowNumber;
        _index = index;
        _values = values;
        Culture = culture;
        Error = error;
    }

    /// <summary>Gets the row's 1-based number among data rows.</summary>
    public long RowNumber { get; }

    /// <summary>Gets the culture the source declares for numbers and dates.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Gets why the row could not be read, or <see langword="null"/> when it was read.</summary>
    public string? Error { get; }

    /// <summary>Gets the values in column order.</summary>
    public IReadOnlyList<string?> Values => _values;

    /// <summary>Gets a column's raw value.</summary>
    /// <param name="column">The column name, as the header spells it.</param>
    /// <returns>The value, or <see langword="null"/> when the row has no such column.</returns>
    public string? this[string column] =>
        _index.TryGetValue(column, out var i) && i < _values.Length ? _values[i] : null;
}
