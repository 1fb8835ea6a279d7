using System.Collections.Concurrent;
using AccountingSync.Idempotency;

namespace AccountingSync.DeadLetters;

/// <summary>An <see cref="IDeadLetterStore"/> in process memory, for tests and single-run tools.</summary>
/// <remarks>This type is thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<IdempotencyKey, DeadLetter> _letters = new();

    /// <inheritdoc />
    public ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        cancellationToken.ThrowIfCancellationRequested();
        _letters.AddOrUpdate(letter.Key, letter, (_, existing) => DeadLetterMerge.Merge(existing, letter));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<DeadLetter> matches = [.. _letters.Values
            .Where(query.Matches)
            .OrderBy(l => l.FirstFailedAt)
            .ThenBy(l => l.Key.Value)
            .Take(query.Limit)];
        return ValueTask.FromResult(matches);
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveAsync(IReadOnlyCollection<IdempotencyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ValueTask.FromResult(keys.Count(key => _letters.TryRemove(key, out _)));
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => ValueTask.FromResult((long)_letters.Count);
}
