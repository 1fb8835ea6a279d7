using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.Conformance.Testing;

/// <summary>A source record for tests: one invoice with one line; flags make it invalid or unmappable.</summary>
/// <param name="Id">The entity id.</param>
/// <param name="Version">The version.</param>
/// <param name="Amount">The line's unit price.</param>
/// <param name="Invalid">Makes the mapped invoice fail validation (zero quantity).</param>
/// <param name="Unmappable">Makes the mapper report a failure.</param>
public sealed record TestRecord(string Id, long Version, decimal Amount, bool Invalid = false, bool Unmappable = false)
{
    /// <summary>Builds the change that delivers this record.</summary>
    /// <param name="eventId">The delivery's event id; by default one per entity version.</param>
    /// <returns>The change.</returns>
    public SourceChange ToChange(string? eventId = null) => new()
    {
        Entity = new SourceIdentity("test", "invoice", Id),
        Version = SourceVersion.FromSequence(Version),
        EventId = eventId ?? $"{Id}@{Version}",
        Payload = this,
    };
}
