using AccountingSync.Validation;

namespace AccountingSync.Connectors;

/// <summary>
/// A convenient base for mappers whose source hands over payloads of one CLR type.
/// </summary>
/// <typeparam name="TPayload">The payload type the source produces.</typeparam>
public abstract class RecordMapper<TPayload> : IRecordMapper
{
    /// <inheritdoc />
    public MappingResult Map(SourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Payload is TPayload payload
            ? Map(change, payload)
            : MappingResult.Failed(new ValidationProblem("Payload", ValidationCodes.Format,
                $"Expected a {typeof(TPayload).Name} payload but got {change.Payload?.GetType().Name ?? "nothing"}."));
    }

    /// <summary>Maps one change whose payload has the expected type.</summary>
    /// <param name="change">The change.</param>
    /// <param name="payload">Its payload.</param>
    /// <returns>The document, a skip, or the problems.</returns>
    protected abstract MappingResult Map(SourceChange change, TPayload payload);
}
