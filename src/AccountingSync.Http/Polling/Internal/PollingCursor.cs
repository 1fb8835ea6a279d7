using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>
/// Where a poll resumes: the time the listing is filtered from, the page inside that listing, and whether the
/// next request starts a new listing (which then reaches back by the overlap).
/// </summary>
/// <param name="Watermark">The modified-since time of the listing; null lists everything.</param>
/// <param name="Page">The page number or offset to ask for next, inside the listing.</param>
/// <param name="Token">The next token or next link, inside the listing.</param>
/// <param name="ListingStart">When the listing began, by the provider's clock; the next watermark of unordered feeds.</param>
/// <param name="NewListing">True when the next request starts a new listing from the watermark.</param>
internal sealed record PollingCursor(
    [property: JsonPropertyName("watermark")] DateTimeOffset? Watermark,
    [property: JsonPropertyName("page")] long? Page,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("listingStart")] DateTimeOffset? ListingStart,
    [property: JsonPropertyName("newListing")] bool NewListing)
{
    public static PollingCursor Parse(string? cursor, HttpPollingEndpoint endpoint)
    {
        if (cursor is null)
        {
            // A first poll has nothing to overlap with, so it starts exactly at the configured time.
            return new PollingCursor(endpoint.InitialWatermark, null, null, null, NewListing: false);
        }

        try
        {
            return JsonSerializer.Deserialize(cursor, PollingCursorJson.Default.PollingCursor)
                ?? throw new FormatException("The cursor is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException(
                $"Polling {endpoint.EntityType}: the stored cursor is not a polling cursor: {ex.Message}", ex);
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, PollingCursorJson.Default.PollingCursor);
}

/// <summary>Source-generated serialization of <see cref="PollingCursor"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PollingCursor))]
internal sealed partial class PollingCursorJson : JsonSerializerContext;
