using System.Security.Cryptography;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling.Internal;
using AccountingSync.Model;

namespace AccountingSync.Http.Polling;

public sealed partial class HttpPollingSource
{
    private List<SourceChange> ReadRecords(JsonElement root, Uri? uri, string position)
    {
        if (!_fields.Items.TryGet(root, out var items))
        {
            return _endpoint.ItemsOptional
                ? []
                : throw new PollingPageException(
                    _endpoint.EntityType, uri, position, $"it has no '{_endpoint.ItemsPath}'");
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new PollingPageException(
                _endpoint.EntityType, uri, position, $"'{_endpoint.ItemsPath}' is {items.ValueKind}, not an array");
        }

        var changes = new List<SourceChange>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
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

    private PollingCursor NextCursor(
        PollingCursor state, DateTimeOffset? since, DateTimeOffset listingStart, JsonElement root,
        List<SourceChange> changes, Uri? uri, string position)
    {
        var newest = changes.Count == 0 ? (DateTimeOffset?)null : changes.Max(c => c.OccurredAt);
        var full = changes.Count >= _endpoint.PageSize;
        var keyed = _endpoint.ModifiedSince != ModifiedSinceFilter.None
            && (_endpoint.Pagination == PollingPagination.None
                || (_endpoint.OrderedByModified && _endpoint.Pagination is PollingPagination.Page or PollingPagination.Offset));
        var inListing = state with { Watermark = since, NewListing = false, ListingStart = listingStart };

        if (_endpoint.Pagination is PollingPagination.NextToken or PollingPagination.NextLink)
        {
            var token = JsonFields.GetScalar(root, _fields.Next);
            if (!string.IsNullOrEmpty(token))
            {
                return inListing with { Token = token };
            }
        }
        else if (full && keyed)
        {
            if (newest is { } top && (since is null || top > since))
            {
                return inListing with { Watermark = top, Page = null };
            }

            if (_endpoint.Pagination == PollingPagination.None)
            {
                throw new PollingPageException(
                    _endpoint.EntityType, uri, position,
                    $"the provider's cap of {_endpoint.PageSize} records was reached by records modified at one instant");
            }

            return inListing with { Page = Advance(state.Page) };
        }
        else if (full && _endpoint.Pagination is PollingPagination.Page or PollingPagination.Offset)
        {
            return inListing with { Page = Advance(state.Page) };
        }

        // The listing is complete. An ordered feed resumes from the newest record it saw; an unordered one from
        // when the listing began, since anything modified after that may sit on a page already read.
        var watermark = keyed || _endpoint.OrderedByModified ? Max(newest, since) : listingStart;
        return new PollingCursor(watermark ?? listingStart, null, null, null, NewListing: true);
    }

    private long Advance(long? page) => _endpoint.Pagination == PollingPagination.Offset
        ? (page ?? 0) + _endpoint.PageSize
        : (page ?? 1) + 1;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
