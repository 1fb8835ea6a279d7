using System.Collections.Concurrent;

namespace AccountingSync.Checkpoints;

/// <summary>An <see cref="ICheckpointStore"/> in process memory, for tests and single-run tools.</summary>
/// <remarks>This type is thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, Checkpoint> _checkpoints = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_checkpoints.GetValueOrDefault(stream));

    /// <inheritdoc />
    public ValueTask<Checkpoint?> TrySaveAsync(
        string stream, string? cursor, long expectedRevision, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        var saved = new Checkpoint(stream, cursor, expectedRevision + 1, savedAt);
        if (expectedRevision == 0)
        {
            return ValueTask.FromResult(_checkpoints.TryAdd(stream, saved) ? saved : null);
        }

        if (_checkpoints.TryGetValue(stream, out var current) && current.Revision == expectedRevision
            && _checkpoints.TryUpdate(stream, saved, current))
        {
            return ValueTask.FromResult<Checkpoint?>(saved);
        }

        return ValueTask.FromResult<Checkpoint?>(null);
    }
}
