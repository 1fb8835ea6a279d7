namespace AccountingSync.Audit;

/// <summary>Where the audit log's entries are kept. Append-only; the chain itself is built by <see cref="AuditLog"/>.</summary>
/// <remarks>Implementations must be safe for concurrent use, and must refuse a second entry with the same sequence.</remarks>
public interface IAuditStore
{
    /// <summary>Reads the newest entry.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or null when the log is empty.</returns>
    ValueTask<AuditEntry?> GetLastAsync(CancellationToken cancellationToken);

    /// <summary>Appends an entry.</summary>
    /// <param name="entry">The entry, whose sequence follows the newest one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when an entry with that sequence exists (another writer appended first).</returns>
    ValueTask<bool> TryAppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Reads every entry in sequence order.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken);
}
