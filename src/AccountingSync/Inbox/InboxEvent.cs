namespace AccountingSync.Inbox;

/// <summary>
/// A verified webhook delivery as the inbox keeps it: the exact bytes and headers received, waiting to be
/// processed into the pipeline.
/// </summary>
/// <remarks>
/// The raw body is kept, not a parsed form, so a replay re-parses exactly what the provider sent, even after a
/// mapper is fixed.
/// </remarks>
public sealed record InboxEvent
{
    /// <summary>Gets the position the store assigned on enqueue; increases with every new event. Zero before that.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the provider (the endpoint's name), such as <c>shopify</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the delivery's event id, or one derived from its payload; unique per provider.</summary>
    public required string EventId { get; init; }

    /// <summary>Gets when the delivery was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the request headers that processing needs (the signature headers are not needed after verification).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the raw request body.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the event's processing state.</summary>
    public InboxStatus Status { get; init; }

    /// <summary>Gets how many times processing was attempted.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the last processing error, when there was one.</summary>
    public string? LastError { get; init; }
}
