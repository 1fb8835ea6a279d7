using System.Collections.Concurrent;

namespace AccountingSync.Deduplication;

/// <summary>
/// An <see cref="IDeduplicationStore"/> in process memory, for tests and single-run tools.
/// </summary>
/// <remarks>This type is thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryDeduplicationStore : IDeduplicationStore
{
    private readonly ConcurrentDictionary<(string Scope, string EventId), DateTimeOffset> _seen = new();

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_seen.ContainsKey((scope, eventId)));

    /// <inheritdoc />
    public ValueTask AddAsync(
        string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < eventIds.Count; i++)
        {
            _seen.TryAdd((scope, eventIds[i]), seenAt);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var entry in _seen)
        {
            if (entry.Value < seenBefore && _seen.TryRemove(entry.Key, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }
}
