using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>Reads dot paths and provider date formats out of JSON records.</summary>
internal static class JsonFields
{
    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static string? GetScalar(JsonElement record, JsonFieldPath path) =>
        path.TryGet(record, out var value) ? Text(value) : null;

    /// <summary>Reads ISO 8601 or a Microsoft JSON date (<c>/Date(ms+zzzz)/</c>); null when neither.</summary>
    public static DateTimeOffset? GetTime(JsonElement record, JsonFieldPath path)
    {
        if (!path.TryGet(record, out var value))
        {
            return null;
        }

        // Every record of a page carries its modified time, so the common shapes are read straight from the
        // page's UTF-8 bytes; only escaped or unusual text takes the string path below.
        if (TryGetPlainUtf8(value, out var utf8))
        {
            if (utf8.StartsWith("/Date("u8) && utf8.EndsWith(")/"u8))
            {
                return ParseMicrosoftDate(utf8[6..^2]);
            }

            if (HasExplicitOffset(utf8) && value.TryGetDateTimeOffset(out var exact))
            {
                return exact.ToUniversalTime();
            }
        }

        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal))
        {
            return ParseMicrosoftDate(Encoding.UTF8.GetBytes(text, 6, text.Length - 8));
        }

        // A time without an offset is UTC by the providers' contracts (Xero's UpdatedDateUTC, for one).
        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time) ? time : null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a string (or number) equal to one of <paramref name="candidates"/>,
    /// ignoring ASCII case; read without allocating when the string has no escapes.
    /// </summary>
    public static bool MatchesAny(JsonElement value, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0)
        {
            return false;
        }

        if (TryGetPlainUtf8(value, out var utf8))
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (Ascii.EqualsIgnoreCase(utf8, candidates[i]))
                {
                    return true;
                }
            }

            return false;
        }

        var text = Text(value);
        for (var i = 0; text is not null && i < candidates.Count; i++)
        {
            if (string.Equals(candidates[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A string's text or a number's digits; null for any other kind of value.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>The bytes of a JSON string between its quotes, when it holds no escape sequence.</summary>
    private static bool TryGetPlainUtf8(JsonElement value, out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length < 2 || raw[1..^1].Contains((byte)'\\'))
        {
            return false;
        }

        utf8 = raw[1..^1];
        return true;
    }

    /// <summary>
    /// Whether ISO 8601 text ends in <c>Z</c> or a numeric offset, so reading it cannot fall back to the
    /// machine's local zone (which System.Text.Json does for a time without one).
    /// </summary>
    private static bool HasExplicitOffset(ReadOnlySpan<byte> iso)
    {
        var time = iso.IndexOf((byte)'T');
        return time > 0 && (iso[^1] is (byte)'Z' or (byte)'z' || iso[time..].IndexOfAny((byte)'+', (byte)'-') > 0);
    }

    /// <summary>Reads the milliseconds of <c>/Date(ms+zzzz)/</c>; the offset only says how it was shown.</summary>
    private static DateTimeOffset? ParseMicrosoftDate(ReadOnlySpan<byte> body)
    {
        var sign = body.Length > 1 ? body[1..].IndexOfAny((byte)'+', (byte)'-') : -1;
        var millis = sign < 0 ? body : body[..(sign + 1)];
        return Utf8Parser.TryParse(millis, out long ms, out var consumed) && consumed == millis.Length
            && ms >= MinUnixMilliseconds && ms <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }
}
