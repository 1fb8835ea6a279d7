namespace AccountingSync.Http.Polling.Internal;

/// <summary>The paths an endpoint reads from its pages and records, compiled once per source.</summary>
internal sealed class RecordFields(HttpPollingEndpoint endpoint)
{
    /// <summary>Gets the path of the record array in a page.</summary>
    public JsonFieldPath Items { get; } = new(endpoint.ItemsPath);

    /// <summary>Gets the path of a record's id.</summary>
    public JsonFieldPath Id { get; } = new(endpoint.IdField);

    /// <summary>Gets the path of a record's modified time.</summary>
    public JsonFieldPath Modified { get; } = new(endpoint.ModifiedField);

    /// <summary>Gets the path of a record's status, when deletes and voids are read from it.</summary>
    public JsonFieldPath? Status { get; } = endpoint.StatusField is { } status ? new(status) : null;

    /// <summary>Gets the path of the next token or link in a page.</summary>
    public JsonFieldPath Next { get; } = new(endpoint.NextPath);
}
