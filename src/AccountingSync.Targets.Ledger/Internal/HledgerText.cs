using System.Globalization;
using System.Text;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>Writing and reading the journal's text: transactions, tags, amounts and versions.</summary>
internal static class HledgerText
{
    public static void AppendTransaction(
        StringBuilder text, LedgerEntry entry, string description, IReadOnlyList<(string Account, decimal Amount)> legs,
        IEnumerable<(string Name, string Value)> tags)
    {
        text.Append(entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (entry.Number is { } number && number.IndexOfAny([')', '\n', '\r', ';']) < 0)
        {
            text.Append(" (").Append(number).Append(')');
        }

        text.Append(' ').Append(Clean(description)).Append("  ;");
        var first = true;
        foreach (var (name, value) in tags)
        {
            text.Append(first ? " " : ", ").Append(name).Append(':').Append(Escape(value));
            first = false;
        }

        text.Append('\n');
        var format = "F" + entry.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture);
        foreach (var (account, amount) in legs)
        {
            text.Append("    ").Append(account).Append("  ")
                .Append(amount.ToString(format, CultureInfo.InvariantCulture)).Append(' ').Append(entry.Currency.Code)
                .Append('\n');
        }

        text.Append('\n');
    }

    public static IEnumerable<(string, string)> StateTags(LedgerEntry entry)
    {
        var format = "F" + entry.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture);
        yield return ("source", entry.Source.ToString());
        yield return ("key", entry.Key.ToString());
        yield return ("kind", entry.Kind.ToString());
        yield return ("op", entry.Operation.ToString());
        yield return ("version", FormatVersion(entry.Version));
        yield return ("total", entry.Total.ToString(format, CultureInfo.InvariantCulture));
        yield return ("currency", entry.Currency.Code);
    }

    public static Dictionary<string, string> ParseTags(string comment)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in comment.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                tags[part[..colon].Trim()] = Unescape(part[(colon + 1)..].Trim());
            }
        }

        return tags;
    }

    public static SourceIdentity? ParseSource(string text)
    {
        // The id is the last part and may itself hold slashes; system and type may not.
        var first = text.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('/', first + 1);
        return second < 0 || second == text.Length - 1 || first == 0 || second == first + 1
            ? null
            : new SourceIdentity(text[..first], text[(first + 1)..second], text[(second + 1)..]);
    }

    public static string FormatVersion(SourceVersion version) => version.Kind switch
    {
        SourceVersionKind.Timestamp => "ts:" + version.Ordinal.ToString(CultureInfo.InvariantCulture),
        SourceVersionKind.Sequence => "seq:" + version.Ordinal.ToString(CultureInfo.InvariantCulture),
        SourceVersionKind.ETag => "etag:" + version.Tag,
        _ => "none",
    };

    public static SourceVersion ParseVersion(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var value = colon < 0 ? string.Empty : text[(colon + 1)..];
        return kind switch
        {
            "ts" => SourceVersion.FromParts(SourceVersionKind.Timestamp, long.Parse(value, CultureInfo.InvariantCulture), null),
            "seq" => SourceVersion.FromSequence(long.Parse(value, CultureInfo.InvariantCulture)),
            "etag" when value.Length > 0 => SourceVersion.FromETag(value),
            _ => SourceVersion.None,
        };
    }

    /// <summary>Tag values end at a comma or the line's end, so those characters (and the escape) are encoded.</summary>
    private static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal);

    private static string Unescape(string value) =>
        value.Replace("%2C", ",", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    private static string Clean(string description) =>
        description.Replace(';', ',').Replace('\n', ' ').Replace('\r', ' ');
}
