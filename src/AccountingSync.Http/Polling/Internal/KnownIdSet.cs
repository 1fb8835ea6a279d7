using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AccountingSync.Checkpoints;

namespace AccountingSync.Http.Polling.Internal;

/// <summary>
/// The ids a stream is known to hold at its source, kept as one record of the checkpoint store beside the
/// stream's own checkpoint (<c>{stream}#known-ids</c>), with the same optimistic concurrency.
/// </summary>
/// <remarks>
/// One record holds the whole set, so every save writes it whole: fine for tens of thousands of ids per stream,
/// and a save happens only when the set changed.
/// </remarks>
internal sealed class KnownIdSet
{
    private long _revision;
    private bool _changed;

    private KnownIdSet(string stream, HashSet<string> ids, DateTimeOffset? listedAt, long revision)
    {
        Stream = stream;
        Ids = ids;
        ListedAt = listedAt;
        _revision = revision;
    }

    public string Stream { get; }

    public HashSet<string> Ids { get; }

    public DateTimeOffset? ListedAt { get; private set; }

    public static string StreamOf(string stream) => stream + "#known-ids";

    public static async Task<KnownIdSet> LoadAsync(ICheckpointStore store, string stream, CancellationToken cancellationToken)
    {
        var key = StreamOf(stream);
        var checkpoint = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (checkpoint?.Cursor is not { } json)
        {
            return new KnownIdSet(key, new HashSet<string>(StringComparer.Ordinal), null, checkpoint?.Revision ?? 0);
        }

        var stored = JsonSerializer.Deserialize(json, KnownIdsJson.Default.StoredKnownIds)
            ?? throw new FormatException($"The known ids of {stream} are JSON null.");
        return new KnownIdSet(key, new HashSet<string>(stored.Ids, StringComparer.Ordinal), stored.ListedAt, checkpoint.Revision);
    }

    public void Add(IEnumerable<string> ids) => _changed |= Apply(ids, Ids.Add);

    public void Remove(IEnumerable<string> ids) => _changed |= Apply(ids, Ids.Remove);

    public void Listed(DateTimeOffset at)
    {
        ListedAt = at;
        _changed = true;
    }

    /// <exception cref="CheckpointConflictException">Another instance saved the set since it was read.</exception>
    public async Task SaveAsync(ICheckpointStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_changed)
        {
            return;
        }

        var ids = Ids.Order(StringComparer.Ordinal).ToArray();
        var json = JsonSerializer.Serialize(new StoredKnownIds(ListedAt, ids), KnownIdsJson.Default.StoredKnownIds);
        var saved = await store.TrySaveAsync(Stream, json, _revision, now, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointConflictException(Stream, _revision);
        _revision = saved.Revision;
        _changed = false;
    }

    private static bool Apply(IEnumerable<string> ids, Func<string, bool> change)
    {
        var changed = false;
        foreach (var id in ids)
        {
            changed |= change(id);
        }

        return changed;
    }
}

/// <summary>The stored form of a <see cref="KnownIdSet"/>.</summary>
internal sealed record StoredKnownIds(
    [property: JsonPropertyName("listedAt")] DateTimeOffset? ListedAt,
    [property: JsonPropertyName("ids")] string[] Ids);

/// <summary>Source-generated serialization of <see cref="StoredKnownIds"/>.</summary>
[JsonSerializable(typeof(StoredKnownIds))]
internal sealed partial class KnownIdsJson : JsonSerializerContext;

/// <summary>Source-generated serialization of the delete stubs.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
