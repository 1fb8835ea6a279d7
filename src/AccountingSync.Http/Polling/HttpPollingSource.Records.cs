using System.Security.Cryptography;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling.Internal;
using AccountingSync.Model;

namespace AccountingSync.Http.Polling;

public sealed partial class HttpPollingSource
{
    /// <summary>The page's array of records; null when the endpoint allows a page without one.</summary>
    /// <exception cref="PollingPageException">The page has no array where the records should be.</exception>
    private JsonElement? Items(FetchedPage page)
    {
        if (!_fields.Items.TryGet(page.Root, out var items))
        {
            return _endpoint.ItemsOptional
                ? null
                : throw new PollingPageException(
                    _endpoint.EntityType, page.Uri, page.Position, $"it has no '{_endpoint.ItemsPath}'");
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new PollingPageException(
                _endpoint.EntityType, page.Uri, page.Position,
                $"'{_endpoint.ItemsPath}' is {items.ValueKind}, not an array");
        }

        return items;
    }

    private List<SourceChange> ReadRecords(JsonElement? items)
    {
        if (items is not { } array)
        {
            return [];
        }

        var changes = new List<SourceChange>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            changes.Add(ToChange(item));
        }

        if (_endpoint.Pagination == PollingPagination.None)
        {
            // A change feed returns its records in no promised order; oldest first lets a capped answer continue
            // from its newest record, and gives the pipeline each entity's versions in order.
            changes.Sort(static (a, b) => a.Version.Ordinal.CompareTo(b.Version.Ordinal));
        }

        return changes;
    }

    private SourceChange ToChange(JsonElement record)
    {
        // A record without an id still goes on to the mapper, which dead-letters it with its reason; the
        // stand-in id is derived from the record so a re-read of the same record lands on the same entity.
        var id = JsonFields.GetScalar(record, _fields.Id)
            ?? "missing-id-" + Convert.ToHexStringLower(SHA256.HashData(
                JsonSerializer.SerializeToUtf8Bytes(record)))[..16];
        var modified = JsonFields.GetTime(record, _fields.Modified);
        var version = modified is { } time ? SourceVersion.FromTimestamp(time) : SourceVersion.None;
        var operation = Operation(record);
        return new SourceChange
        {
            Entity = new SourceIdentity(_endpoint.System, _endpoint.EntityType, id),
            Version = version,
            Operation = operation,
            EventId = modified is { } at ? PollingEventId.Create(_endpoint.EntityType, id, at, OperationName(operation)) : null,
            Payload = record,
            OccurredAt = modified,
        };
    }

    private ChangeOperation Operation(JsonElement record)
    {
        // The status is looked up once for both lists: a lookup scans the record's properties.
        if (_fields.Status is not { } field || !field.TryGet(record, out var status))
        {
            return ChangeOperation.Upsert;
        }

        return JsonFields.MatchesAny(status, _endpoint.DeletedStatuses) ? ChangeOperation.Delete
            : JsonFields.MatchesAny(status, _endpoint.VoidedStatuses) ? ChangeOperation.Void
            : ChangeOperation.Upsert;
    }

    private static string OperationName(ChangeOperation operation) => operation switch
    {
        ChangeOperation.Delete => "delete",
        ChangeOperation.Void => "void",
        _ => "upsert",
    };

    /// <summary>
    /// The next page of the listing when it follows from the page alone (a continuation token or link, or the
    /// next page number after a full page), without the records' modified times; null when those decide it or
    /// the listing is complete.
    /// </summary>
    private PollingCursor? NextWithoutTimes(PollingCursor state, FetchedPage page, int count)
    {
        if (_endpoint.Pagination is PollingPagination.NextToken or PollingPagination.NextLink)
        {
            var token = JsonFields.GetScalar(page.Root, _fields.Next);
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            // A provider that hands back the token it was asked with would be asked for the same page forever.
            return token != state.Token
                ? InListing(state, page) with { Token = token }
                : throw new PollingPageException(
                    _endpoint.EntityType, page.Uri, page.Position,
                    "the page's continuation is the one it was asked with, so the listing would never advance");
        }

        var full = count >= _endpoint.PageSize;
        return full && !KeyedByTime && _endpoint.Pagination is PollingPagination.Page or PollingPagination.Offset
            ? InListing(state, page) with { Page = Advance(state.Page) }
            : null;
    }

    private PollingCursor NextCursor(PollingCursor state, FetchedPage page, List<SourceChange> changes)
    {
        if (NextWithoutTimes(state, page, changes.Count) is { } next)
        {
            return next;
        }

        var since = page.Since;
        var newest = changes.Count == 0 ? (DateTimeOffset?)null : changes.Max(c => c.OccurredAt);
        if (changes.Count >= _endpoint.PageSize && KeyedByTime)
        {
            if (newest is { } top && (since is null || top > since))
            {
                return InListing(state, page) with { Watermark = top, Page = null };
            }

            if (_endpoint.Pagination == PollingPagination.None)
            {
                throw new PollingPageException(
                    _endpoint.EntityType, page.Uri, page.Position,
                    $"the provider's cap of {_endpoint.PageSize} records was reached by records modified at one instant");
            }

            return InListing(state, page) with { Page = Advance(state.Page) };
        }

        // The listing is complete. An ordered feed resumes from the newest record it saw; an unordered one from
        // when the listing began, since anything modified after that may sit on a page already read.
        var watermark = KeyedByTime || _endpoint.OrderedByModified ? Max(newest, since) : page.ListingStart;
        return new PollingCursor(watermark ?? page.ListingStart, null, null, null, NewListing: true);
    }

    /// <summary>The cursor's place inside the listing this page belongs to.</summary>
    private static PollingCursor InListing(PollingCursor state, FetchedPage page) =>
        state with { Watermark = page.Since, NewListing = false, ListingStart = page.ListingStart };

    /// <summary>
    /// Whether a full page continues by the newest modified time rather than by page number: a change feed, or a
    /// listing filtered by modified time and ordered by it.
    /// </summary>
    private bool KeyedByTime => _endpoint.ModifiedSince != ModifiedSinceFilter.None
        && (_endpoint.Pagination == PollingPagination.None
            || (_endpoint.OrderedByModified && _endpoint.Pagination is PollingPagination.Page or PollingPagination.Offset));

    private long Advance(long? page) => _endpoint.Pagination == PollingPagination.Offset
        ? (page ?? 0) + _endpoint.PageSize
        : (page ?? 1) + 1;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
