namespace AccountingSync.Batch.Staging.Internal;

/// <summary>
/// Chunks in flight in key order, and the last key below which every chunk has committed: the load
/// checkpoint when chunks commit out of order. Thread-safe.
/// </summary>
internal sealed class LowWaterMark
{
    private readonly Lock _lock = new();
    private readonly Queue<Chunk> _open = new();
    private long _next;

    /// <summary>Opens the next chunk, which ends at <paramref name="lastKey"/>; returns its number.</summary>
    public long Open(string lastKey)
    {
        lock (_lock)
        {
            _open.Enqueue(new Chunk(_next, lastKey));
            return _next++;
        }
    }

    /// <summary>Marks a chunk committed; returns the new mark, or null when an earlier chunk is still open.</summary>
    public string? Complete(long number)
    {
        lock (_lock)
        {
            string? through = null;
            foreach (var chunk in _open)
            {
                if (chunk.Number == number)
                {
                    chunk.Done = true;
                }
            }

            while (_open.TryPeek(out var first) && first.Done)
            {
                through = _open.Dequeue().LastKey;
            }

            return through;
        }
    }

    private sealed class Chunk(long number, string lastKey)
    {
        public long Number { get; } = number;

        public string LastKey { get; } = lastKey;

        public bool Done { get; set; }
    }
}
