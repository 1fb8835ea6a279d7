using System.Globalization;
using System.Text.Json;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>Reads dot paths and provider date formats out of JSON records.</summary>
internal static class JsonFields
{
    public static bool TryGet(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            // The common case, a top-level field, without splitting the path for every record.
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(path, out value)
                && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        }

        foreach (var part in path.Split('.'))
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(part, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array
                && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    public static string? GetScalar(JsonElement record, string path) =>
        !TryGet(record, path, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };

    /// <summary>Reads ISO 8601 or a Microsoft JSON date (<c>/Date(ms+zzzz)/</c>); null when neither.</summary>
    public static DateTimeOffset? GetTime(JsonElement record, string path)
    {
        var text = GetScalar(record, path);
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal))
        {
            var body = text.AsSpan(6, text.Length - 8);
            var sign = body[1..].IndexOfAny('+', '-');
            var millis = sign < 0 ? body : body[..(sign + 1)];
            return long.TryParse(millis, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }

        // A time without an offset is UTC by the providers' contracts (Xero's UpdatedDateUTC, for one).
        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time) ? time : null;
    }
}
