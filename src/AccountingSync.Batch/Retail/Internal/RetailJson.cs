using System.Text.Json.Serialization;

namespace AccountingSync.Batch.Retail.Internal;

/// <summary>The staging payload's serializer, generated at compile time.</summary>
[JsonSerializable(typeof(RetailLine))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RetailJson : JsonSerializerContext;
