using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AccountingSync.Webhooks.Processing.Internal;

/// <summary>JSON reading helpers shared by the parsers; failures name the field, never its value.</summary>
internal static class PayloadJson
{
    public static JsonElement Root(ReadOnlyMemory<byte> body, string provider)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException($"The {provider} payload is not valid JSON.", ex);
        }
    }

    public static JsonElement? TryRoot(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static string Required(JsonElement element, string property, string provider) =>
        Text(element, property) is { Length: > 0 } text
            ? text
            : throw new WebhookPayloadException($"The {provider} payload has no '{property}'.");

    public static JsonElement Array(JsonElement element, string property, string provider) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.Array
            ? value
            : throw new WebhookPayloadException($"The {provider} payload has no '{property}' array.");

    /// <summary>Parses ISO 8601 times, including offsets written without a colon (<c>-0700</c>) and no offset (UTC).</summary>
    public static DateTimeOffset? Time(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    /// <summary>An event id derived from a payload's identity fields, for providers that send none.</summary>
    public static string DerivedId(IEnumerable<string?> parts)
    {
        var joined = string.Join('\n', parts.Select(p => p ?? string.Empty));
        return "derived-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }
}
