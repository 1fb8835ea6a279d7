using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.DeadLetters;

/// <summary>Which dead letters to list; every criterion given must match.</summary>
public sealed record DeadLetterQuery
{
    /// <summary>Gets a query that matches everything, up to <see cref="Limit"/> entries.</summary>
    public static DeadLetterQuery All { get; } = new();

    /// <summary>Gets the stream to match.</summary>
    public string? Stream { get; init; }

    /// <summary>Gets the error class to match.</summary>
    public ErrorClass? ErrorClass { get; init; }

    /// <summary>Gets text the reason must contain (ordinal, case-insensitive).</summary>
    public string? ReasonContains { get; init; }

    /// <summary>Gets the entity to match.</summary>
    public SourceIdentity? Entity { get; init; }

    /// <summary>Gets the entity type to match.</summary>
    public string? EntityType { get; init; }

    /// <summary>Gets the most entries to return.</summary>
    /// <value>Defaults to 1,000.</value>
    public int Limit { get; init; } = 1000;
}
