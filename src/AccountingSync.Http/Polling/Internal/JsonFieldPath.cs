using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>
/// A dot path (<c>Invoice.Lines.0.Amount</c>) split and encoded once, so that reading it from every record of a
/// page costs no string splitting and no UTF-16 to UTF-8 transcoding of the property names.
/// </summary>
internal sealed class JsonFieldPath
{
    private readonly Segment[] _segments;

    /// <summary>Compiles <paramref name="path"/>.</summary>
    /// <param name="path">Property names separated by dots; a segment of digits also indexes into an array.</param>
    public JsonFieldPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Text = path;
        _segments = [.. path.Split('.').Select(static part => new Segment(
            Encoding.UTF8.GetBytes(part),
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1))];
    }

    /// <summary>Gets the path as configured, for messages.</summary>
    public string Text { get; }

    /// <summary>Finds the value at the path; false when a step is missing or the value is JSON null.</summary>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment.Name, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array && segment.Index >= 0
                && segment.Index < value.GetArrayLength())
            {
                value = value[segment.Index];
            }
            else
            {
                return false;
            }
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private readonly record struct Segment(byte[] Name, int Index);
}
