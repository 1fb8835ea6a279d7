using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using AccountingSync.Model;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>
/// Wraps a poll of an <see cref="HttpPollingSource"/>: passes its changes on while noting the ids they name, then,
/// when the id listing is due, lists the ids and yields a delete for each known id the listing lacks.
/// </summary>
/// <remarks>
/// The deletes carry no cursor, so the stream's checkpoint stays the poll's own. The known set is updated by
/// <see cref="ApplyTo"/> once the run is over: ids the poll saw are added, ids whose delete was handed to the
/// pipeline are removed, and a completed listing's ids are added, so a record polled before a crash is known again.
/// </remarks>
internal sealed class ListingDiffSource(HttpPollingSource inner, KnownIdSet known, TimeProvider time, ILogger logger)
    : ISourceConnector
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly List<string> _deleted = [];
    private HashSet<string>? _listed;
    private DateTimeOffset _listedAt;

    public string Name => inner.Name;

    public SourceCapabilities Capabilities => inner.Capabilities;

    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in inner.ReadChangesAsync(cursor, cancellationToken).ConfigureAwait(false))
        {
            if (change.Operation == ChangeOperation.Delete)
            {
                _removed.Add(change.Entity.Id);
                _seen.Remove(change.Entity.Id);
            }
            else
            {
                _seen.Add(change.Entity.Id);
                _removed.Remove(change.Entity.Id);
            }

            yield return change;
        }

        var listing = inner.Endpoint.IdListing!;
        var now = time.GetUtcNow();
        if (known.ListedAt is { } last && now - last < listing.Every)
        {
            yield break;
        }

        // Only ids known before the listing began are compared: a record created while it pages is not missing.
        var candidates = new HashSet<string>(known.Ids, StringComparer.Ordinal);
        candidates.UnionWith(_seen);
        candidates.ExceptWith(_removed);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in inner.ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            listed.Add(id);
        }

        var missing = candidates.Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal).ToList();
        Log.IdListingCompared(logger, Name, listed.Count, candidates.Count, missing.Count);
        if (missing.Count > 0 && missing.Count > listing.MaxDeleteFraction * candidates.Count)
        {
            Log.DeleteLimitExceeded(logger, Name, missing.Count, candidates.Count);
            throw new PollingDeleteLimitExceededException(Name, missing.Count, candidates.Count, listing.MaxDeleteFraction);
        }

        _listed = listed;
        _listedAt = now;
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Stream, Name);
        foreach (var id in missing)
        {
            _deleted.Add(id);
            PollingMetrics.ListingDeletes.Add(1, tag);
            yield return Delete(id, now);
        }
    }

    /// <summary>Updates the known set with what this run saw and deleted.</summary>
    public void ApplyTo(KnownIdSet set)
    {
        set.Add(_seen);
        set.Remove(_removed);
        set.Remove(_deleted);
        if (_listed is not null)
        {
            set.Add(_listed);
            set.Listed(_listedAt);
        }
    }

    private SourceChange Delete(string id, DateTimeOffset now)
    {
        var endpoint = inner.Endpoint;
        return new SourceChange
        {
            Entity = new SourceIdentity(endpoint.System, endpoint.EntityType, id),
            // The listing's time orders the delete after every version known before the listing began.
            Version = SourceVersion.FromTimestamp(now),
            Operation = ChangeOperation.Delete,
            EventId = string.Create(CultureInfo.InvariantCulture, $"{endpoint.EntityType}/{id}@{now.UtcTicks}/listing-delete"),
            Payload = Stub(endpoint.IdField, id),
            OccurredAt = now,
        };
    }

    /// <summary>A record holding only the id at its path, so mappers read a delete's id as they read any record's.</summary>
    private static JsonElement Stub(string idPath, string id)
    {
        var root = new JsonObject();
        var node = root;
        var parts = idPath.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var child = new JsonObject();
            node[parts[i]] = child;
            node = child;
        }

        node[parts[^1]] = id;
        return JsonSerializer.SerializeToElement(root, JsonNodeContext.Default.JsonObject);
    }
}
