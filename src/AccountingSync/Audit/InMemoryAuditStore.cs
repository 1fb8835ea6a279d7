using System.Runtime.CompilerServices;

namespace AccountingSync.Audit;

/// <summary>An <see cref="IAuditStore"/> in process memory, for tests.</summary>
/// <remarks>This type is thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly List<AuditEntry> _entries = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask<AuditEntry?> GetLastAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_entries.Count == 0 ? null : _entries[^1]);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (entry.Sequence != _entries.Count + 1)
            {
                return ValueTask.FromResult(false);
            }

            _entries.Add(entry);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AuditEntry[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _entries];
        }

        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Replaces an entry without fixing the chain, to show in tests that verification catches tampering.</summary>
    /// <param name="index">The entry's index, from 0.</param>
    /// <param name="tampered">The replacement.</param>
    internal void Tamper(int index, AuditEntry tampered)
    {
        lock (_lock)
        {
            _entries[index] = tampered;
        }
    }
}
