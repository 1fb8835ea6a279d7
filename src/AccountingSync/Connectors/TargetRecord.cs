using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Connectors;

/// <summary>What a target holds for one source entity, as read back for reconciliation.</summary>
/// <param name="Source">The source identity the record was written for.</param>
/// <param name="TargetId">The target's id for it.</param>
/// <param name="Kind">The kind of document.</param>
/// <param name="Version">The source version the target holds.</param>
/// <param name="Total">The document's total as the target holds it, when it has one.</param>
/// <param name="Date">The document's date, when it has one.</param>
public sealed record TargetRecord(
    SourceIdentity Source, string TargetId, DocumentKind Kind, SourceVersion Version, Money? Total, DateOnly? Date);
