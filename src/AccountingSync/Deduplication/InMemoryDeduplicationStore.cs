namespace AccountingSync.Deduplication;

/// <summary>
/// An <see cref="IDeduplicationStore"/> in process memory, for tests and single-run tools.
/// </summary>
/// <remarks>
/// This type is thread-safe: one lock guards every scope, so a batch of ids is added all or none. Everything is
/// lost when the process ends.
/// </remarks>
public sealed class InMemoryDeduplicationStore : IDeduplicationStore
{
    // Plain dictionaries behind one short lock rather than concurrent ones: their entries live in arrays, so a
    // store holding millions of ids allocates no object per id for the garbage collector to copy and trace.
    // Lookups and batched adds hold the lock for well under a microsecond, so contention stays negligible.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, long>> _scopes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_gate)
        {
            return ValueTask.FromResult(_scopes.TryGetValue(scope, out var seen) && seen.ContainsKey(eventId));
        }
    }

    /// <inheritdoc />
    public ValueTask AddAsync(
        string scope, IReadOnlyList<string> eventIds, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = seenAt.UtcTicks;
        lock (_gate)
        {
            if (!_scopes.TryGetValue(scope, out var seen))
            {
                _scopes[scope] = seen = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            for (var i = 0; i < eventIds.Count; i++)
            {
                seen.TryAdd(eventIds[i], ticks);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken)
    {
        var cutoff = seenBefore.UtcTicks;
        var removed = 0;
        lock (_gate)
        {
            foreach (var seen in _scopes.Values)
            {
                // Removing the entry just enumerated is allowed and does not invalidate the enumerator.
                foreach (var entry in seen)
                {
                    if (entry.Value < cutoff && seen.Remove(entry.Key))
                    {
                        removed++;
                    }
                }
            }
        }

        return ValueTask.FromResult(removed);
    }
}
