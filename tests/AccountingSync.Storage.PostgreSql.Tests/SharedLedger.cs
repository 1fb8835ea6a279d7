using System.Collections.Concurrent;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model.Documents;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>
/// Stands in for one remote accounting system that several hosts write to. It honours the documented target
/// contract: a key is applied at most once and a repeat is answered "already applied" with the first id.
/// </summary>
public sealed class SharedLedger
{
    private readonly ConcurrentDictionary<IdempotencyKey, (string EntityId, string TargetId)> _books = new();

    public IReadOnlyDictionary<IdempotencyKey, (string EntityId, string TargetId)> Books => _books;

    public TargetWriteResult Apply(TargetWrite write)
    {
        var contact = (Contact)write.Document;
        var entry = (contact.Source.Id, "L-" + contact.Source.Id + "-" + write.Key.ToString()[..8]);
        if (_books.TryAdd(write.Key, entry))
        {
            return TargetWriteResult.Written(entry.Item2);
        }

        return TargetWriteResult.AlreadyApplied(_books[write.Key].TargetId);
    }
}
