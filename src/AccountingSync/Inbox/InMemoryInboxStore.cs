namespace AccountingSync.Inbox;

/// <summary>An <see cref="IInboxStore"/> in process memory, for tests. Deliveries are lost at restart.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class InMemoryInboxStore : IInboxStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Entry> _events = [];
    private readonly HashSet<(string Provider, string EventId)> _ids = [];
    private long _nextSequence = 1;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        var sequences = new long?[events.Count];
        lock (_lock)
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (!_ids.Add((e.Provider, e.EventId)))
                {
                    continue;
                }

                var sequence = _nextSequence++;
                _events[sequence] = new Entry(e with { Sequence = sequence, Status = InboxStatus.Pending, Body = e.Body.ToArray() });
                sequences[i] = sequence;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<long?>>(sequences);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = new List<InboxEvent>();
        lock (_lock)
        {
            foreach (var entry in _events.Values)
            {
                if (claimed.Count >= maxCount)
                {
                    break;
                }

                var status = entry.Event.Status;
                if ((status == InboxStatus.Pending && entry.NotBefore <= now) || (status == InboxStatus.Claimed && entry.LeaseUntil <= now))
                {
                    entry.Event = entry.Event with { Status = InboxStatus.Claimed, Attempts = entry.Event.Attempts + 1 };
                    entry.Owner = owner;
                    entry.LeaseUntil = leaseUntil;
                    claimed.Add(entry.Event);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<InboxEvent>>(claimed);
    }

    /// <inheritdoc />
    public ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var done = 0;
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                if (_events.TryGetValue(sequence, out var entry) && entry.Event.Status == InboxStatus.Claimed
                    && string.Equals(entry.Owner, owner, StringComparison.Ordinal))
                {
                    entry.Event = entry.Event with { Status = InboxStatus.Processed };
                    entry.Owner = null;
                    done++;
                }
            }
        }

        return ValueTask.FromResult(done);
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(
        string owner, long sequence, string error, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_events.TryGetValue(sequence, out var entry) && string.Equals(entry.Owner, owner, StringComparison.Ordinal))
            {
                entry.Event = entry.Event with { Status = InboxStatus.Pending, LastError = error };
                entry.Owner = null;
                entry.NotBefore = notBefore;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<InboxEvent> list = [.. _events.Values.Select(e => e.Event).Where(query.Matches).Take(query.Limit)];
            return ValueTask.FromResult(list);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = 0;
        lock (_lock)
        {
            foreach (var entry in _events.Values)
            {
                if (entry.Event.Status == InboxStatus.Processed && query.Matches(entry.Event) && count < query.Limit)
                {
                    entry.Event = entry.Event with { Status = InboxStatus.Pending };
                    entry.NotBefore = DateTimeOffset.MinValue;
                    count++;
                }
            }
        }

        return ValueTask.FromResult(count);
    }

    private sealed class Entry(InboxEvent e)
    {
        public InboxEvent Event { get; set; } = e;

        public string? Owner { get; set; }

        public DateTimeOffset LeaseUntil { get; set; }

        /// <summary>When a pending event that was released may be claimed again.</summary>
        public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;
    }
}
