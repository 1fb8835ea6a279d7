using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountingSync.Diagnostics;
using AccountingSync.Http.Polling.Internal;
using AccountingSync.Http.Resilience;

namespace AccountingSync.Http.Polling;

public sealed partial class HttpPollingSource
{
    /// <summary>Asks for one page and parses it; reading its records is <see cref="Read"/>'s part.</summary>
    private async Task<FetchedPage> FetchAsync(PollingCursor state, CancellationToken cancellationToken)
    {
        var since = Since(state);
        var position = Describe(state, since);
        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(state, since));
        if (since is { } time && _endpoint.ModifiedSince == ModifiedSinceFilter.IfModifiedSinceHeader)
        {
            request.Headers.IfModifiedSince = time;
        }

        using var response = await _http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        var uri = response.RequestMessage?.RequestUri ?? request.RequestUri;
        if (!response.IsSuccessStatusCode)
        {
            var failure = HttpFailureClassifier.Classify(response, _time);
            PollingMetrics.Failures.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Stream, Name));
            throw new PollingPageException(_endpoint.EntityType, uri, position, failure.Reason, failure);
        }

        var listingStart = state.ListingStart ?? response.Headers.Date ?? _time.GetUtcNow();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                PollingMetrics.Failures.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Stream, Name));
                throw new PollingPageException(
                    _endpoint.EntityType, uri, position,
                    $"the body is not JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine})", innerException: ex);
            }

            using (document)
            {
                // One copy of the page outlives the pooled document; the records' payloads point into it.
                return new FetchedPage(document.RootElement.Clone(), uri, position, since, listingStart);
            }
        }
    }

    /// <summary>Turns a fetched page's records into changes and works out where the listing goes next.</summary>
    private PolledPage Read(PollingCursor state, FetchedPage page, JsonElement? items)
    {
        var changes = ReadRecords(items);
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Stream, Name);
        PollingMetrics.Pages.Add(1, tag);
        PollingMetrics.Records.Add(changes.Count, tag);
        var next = NextCursor(state, page, changes);
        return new PolledPage(changes, next);
    }

    private DateTimeOffset? Since(PollingCursor state)
    {
        if (state.Watermark is not { } watermark || _endpoint.ModifiedSince == ModifiedSinceFilter.None)
        {
            return null;
        }

        var since = state.NewListing ? watermark - _endpoint.Overlap : watermark;
        if (_endpoint.MaxLookback is { } max && since < _time.GetUtcNow() - max)
        {
            var oldest = _time.GetUtcNow() - max;
            if (_endpoint.Lookback == LookbackPolicy.Refuse && watermark < oldest)
            {
                throw new PollingLookbackExceededException(_endpoint.EntityType, since, oldest);
            }

            // Only the overlap reaches past the limit (or the policy is Clamp): a minute's margin keeps the
            // request inside the provider's window even if its clock runs ahead of ours.
            since = oldest + TimeSpan.FromMinutes(1);
        }

        return since;
    }

    private Uri BuildUri(PollingCursor state, DateTimeOffset? since)
    {
        if (_endpoint.Pagination == PollingPagination.NextLink && state.Token is { } link)
        {
            return new Uri(link, UriKind.RelativeOrAbsolute);
        }

        var builder = new StringBuilder(_endpoint.Path);
        if (since is { } time && _endpoint.ModifiedSince == ModifiedSinceFilter.QueryParameter)
        {
            Append(builder, _endpoint.ModifiedSinceParameter,
                time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        switch (_endpoint.Pagination)
        {
            case PollingPagination.Page or PollingPagination.Offset:
                var first = _endpoint.Pagination == PollingPagination.Page ? 1 : 0;
                Append(builder, _endpoint.PageParameter,
                    (state.Page ?? first).ToString(CultureInfo.InvariantCulture));
                break;
            case PollingPagination.NextToken when state.Token is { } token:
                Append(builder, _endpoint.PageParameter, token);
                break;
        }

        if (_endpoint.PageSizeParameter is { } size && _endpoint.Pagination != PollingPagination.NextLink)
        {
            Append(builder, size, _endpoint.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        return new Uri(builder.ToString(), UriKind.RelativeOrAbsolute);
    }

    private static void Append(StringBuilder builder, string name, string value) => builder
        .Append(builder.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?')
        .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));

    private string Describe(PollingCursor state, DateTimeOffset? since)
    {
        var page = state.Token is not null ? "the page after a continuation token"
            : _endpoint.Pagination == PollingPagination.Offset
                ? string.Create(CultureInfo.InvariantCulture, $"offset {state.Page ?? 0}")
                : string.Create(CultureInfo.InvariantCulture, $"page {state.Page ?? 1}");
        return since is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"{page} of the listing modified since {time:O}")
            : page;
    }

    /// <summary>A parsed page, with what it was asked for.</summary>
    private sealed record FetchedPage(
        JsonElement Root, Uri? Uri, string Position, DateTimeOffset? Since, DateTimeOffset ListingStart);

    private sealed record PolledPage(List<AccountingSync.Connectors.SourceChange> Changes, PollingCursor Next);
}
