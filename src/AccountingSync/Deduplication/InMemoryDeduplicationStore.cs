using System.Collections.Concurrent;

namespace AccountingSync.Deduplication;

/// <summary>
/// An <see cref="IDeduplicationStore"/> in process memory, for tests and single-run tools.
/// </summary>
/// <remarks>This type is thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryDeduplicationStore : IDeduplicationStore
{
    // One dictionary per scope, valued by UTC ticks: a lookup hashes the event id alone.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> _scopes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_scopes.TryGetValue(scope, out var seen) && seen.ContainsKey(eventId));

    /// <inheritdoc />
    public ValueTask AddAsync(
        string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        var seen = _scopes.GetOrAdd(scope, static _ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        var ticks = seenAt.UtcTicks;
        for (var i = 0; i < eventIds.Count; i++)
        {
            seen.TryAdd(eventIds[i], ticks);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken)
    {
        var cutoff = seenBefore.UtcTicks;
        var removed = 0;
        foreach (var seen in _scopes.Values)
        {
            foreach (var entry in seen)
            {
                if (entry.Value < cutoff && seen.TryRemove(entry.Key, out _))
                {
                    removed++;
                }
            }
        }

        return ValueTask.FromResult(removed);
    }
}
