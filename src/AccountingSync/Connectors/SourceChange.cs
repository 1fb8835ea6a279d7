using AccountingSync.Model;

namespace AccountingSync.Connectors;

/// <summary>
/// One change a source reports: which entity, which version of it, what happened, and the raw record.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Payload"/> is the source's own record (a JSON element, a CSV row, a provider DTO); a mapper turns
/// it into the accounting model, so transport and mapping stay apart. <see cref="Cursor"/> is the position to
/// resume from <em>after</em> this change; the pipeline saves it only once every change before it is committed.
/// </para>
/// <para>Instances are immutable once handed to the pipeline.</para>
/// </remarks>
public sealed record SourceChange
{
    /// <summary>Gets the entity's identity at the source; required.</summary>
    public required SourceIdentity Entity { get; init; }

    /// <summary>Gets the entity's version; <see cref="SourceVersion.None"/> when the source has none.</summary>
    public SourceVersion Version { get; init; }

    /// <summary>Gets what happened to the entity.</summary>
    public ChangeOperation Operation { get; init; }

    /// <summary>
    /// Gets the delivery's event id when the source has one (webhook event id, change-feed sequence).
    /// The same event delivered twice is processed once.
    /// </summary>
    public string? EventId { get; init; }

    /// <summary>Gets the source's raw record, for the mapper.</summary>
    public object? Payload { get; init; }

    /// <summary>
    /// Gets the resume position after this change, or <see langword="null"/> when this change is not a resume point
    /// (for example inside a page whose cursor only the last record carries).
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>Gets when the change happened at the source, when known; used for data-freshness lag.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}
