using AccountingSync.Model.Documents;

namespace AccountingSync.Connectors;

/// <summary>
/// The mapper for sources whose payloads are already accounting documents: a staged batch export, a
/// reconciliation's repairs, a test's fixtures.
/// </summary>
/// <remarks>
/// The change's identity must be the document's own; a change that names another entity is refused rather
/// than written under the wrong key. This type is stateless and thread-safe.
/// </remarks>
public sealed class DocumentPayloadMapper : RecordMapper<AccountingDocument>
{
    /// <summary>Gets the shared instance.</summary>
    public static DocumentPayloadMapper Instance { get; } = new();

    /// <inheritdoc />
    protected override MappingResult Map(SourceChange change, AccountingDocument payload) =>
        payload.Source == change.Entity
            ? MappingResult.Mapped(payload)
            : MappingResult.Failed(new Validation.ValidationProblem("Source", Validation.ValidationCodes.Format,
                $"The change names {change.Entity} but its document is {payload.Source}."));
}
