using System.Text.Json;
using AccountingSync.Connectors;

namespace AccountingSync.DeadLetters;

/// <summary>
/// Turns a change's payload into the JSON a dead letter keeps, and back into a payload when the letter is replayed.
/// </summary>
/// <remarks>
/// Payloads are serialized with System.Text.Json by their runtime type; a <see cref="JsonElement"/> payload is
/// kept as its raw text. A payload that cannot be serialized keeps its type name and a note instead, so a
/// dead letter is never lost over its payload.
/// </remarks>
public static class DeadLetterPayload
{
    /// <summary>Serializes a change's payload.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The payload's type name and JSON, both null when it has no payload.</returns>
    public static (string? Type, string? Json) Serialize(SourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var payload = change.Payload;
        if (payload is null)
        {
            return (null, null);
        }

        var type = payload.GetType();
        var typeName = type.AssemblyQualifiedName;
        try
        {
            return payload is JsonElement element
                ? (typeName, element.GetRawText())
                : (typeName, JsonSerializer.Serialize(payload, type));
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return (typeName, JsonSerializer.Serialize(new { unserializable = ex.GetType().Name }));
        }
    }

    /// <summary>Rebuilds the change a dead letter came from, for replay.</summary>
    /// <param name="letter">The dead letter.</param>
    /// <returns>The change, with its payload deserialized into its original type where that type can be loaded.</returns>
    public static SourceChange ToChange(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        object? payload = null;
        if (letter.Payload is not null)
        {
            var type = letter.PayloadType is null ? null : Type.GetType(letter.PayloadType, throwOnError: false);
            payload = type is null || type == typeof(JsonElement)
                ? JsonDocument.Parse(letter.Payload).RootElement.Clone()
                : JsonSerializer.Deserialize(letter.Payload, type);
        }

        return new SourceChange
        {
            Entity = letter.Entity,
            Version = letter.Version,
            Operation = letter.Operation,
            EventId = letter.EventId,
            Payload = payload,
        };
    }
}
