using System.Collections.Concurrent;
using AccountingSync.Connectors;
using AccountingSync.Model.Documents;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>Maps any change to a contact named after its entity, keeping the payloads it saw.</summary>
internal sealed class ContactMapper : IRecordMapper
{
    public ConcurrentQueue<SourceChange> Seen { get; } = new();

    public MappingResult Map(SourceChange change)
    {
        Seen.Enqueue(change);
        return MappingResult.Mapped(new Contact { Source = change.Entity, Version = change.Version, Name = change.Entity.Id });
    }
}
