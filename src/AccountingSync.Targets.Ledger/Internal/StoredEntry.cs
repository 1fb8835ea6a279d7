using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>What a ledger holds as the current state of one source entity.</summary>
internal sealed record StoredEntry(
    string TargetId,
    SourceIdentity Source,
    SourceVersion Version,
    ChangeOperation Operation,
    DocumentKind Kind,
    DateOnly Date,
    Currency Currency,
    decimal Total,
    IReadOnlyList<Posting> Postings)
{
    /// <summary>A deleted entity reads back as nothing; a voided one as a record with no value.</summary>
    public TargetRecord? ToRecord() => Operation switch
    {
        ChangeOperation.Delete => null,
        ChangeOperation.Void => new TargetRecord(Source, TargetId, Kind, Version, Money.Zero(Currency), Date),
        _ => new TargetRecord(Source, TargetId, Kind, Version, new Money(Total, Currency), Date),
    };
}
