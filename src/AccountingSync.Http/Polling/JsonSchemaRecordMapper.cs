using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Validation;
using Json.Schema;

namespace AccountingSync.Http.Polling;

/// <summary>
/// Checks each polled JSON record against a JSON Schema before the inner mapper sees it; a record that fails is a
/// row-level failure (dead-lettered with the instance path and keyword of each error), and the rest of the page
/// goes on.
/// </summary>
/// <remarks>
/// Validation uses JsonSchema.Net. Delete stubs are passed on without validation, since feeds such as QuickBooks'
/// report a deleted entity as an id and a status only. The mapper is thread-safe when the inner mapper is.
/// </remarks>
public sealed class JsonSchemaRecordMapper : IRecordMapper
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _schema;
    private readonly IRecordMapper _inner;

    /// <summary>Creates the mapper.</summary>
    /// <param name="schema">The schema every record must meet.</param>
    /// <param name="inner">The mapper for records that meet it.</param>
    public JsonSchemaRecordMapper(JsonSchema schema, IRecordMapper inner)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(inner);
        _schema = schema;
        _inner = inner;
    }

    /// <inheritdoc />
    public MappingResult Map(SourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Operation != ChangeOperation.Delete && change.Payload is JsonElement record)
        {
            var results = _schema.Evaluate(record, Options);
            if (!results.IsValid)
            {
                return MappingResult.Failed(Problems(results));
            }
        }

        return _inner.Map(change);
    }

    private static List<ValidationProblem> Problems(EvaluationResults results)
    {
        var problems = new List<ValidationProblem>();
        IEnumerable<EvaluationResults> nodes = results.Details is { Count: > 0 } details ? details : [results];
        foreach (var node in nodes)
        {
            foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            {
                // The instance path (a JSON Pointer) names the field; messages describe the rule, never the value.
                problems.Add(new ValidationProblem("$" + node.InstanceLocation, "schema." + keyword, message));
            }
        }

        return problems.Count > 0
            ? problems
            : [new ValidationProblem("$", "schema.invalid", "The record does not meet the schema.")];
    }
}
