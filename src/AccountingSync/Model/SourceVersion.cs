using System.Globalization;

namespace AccountingSync.Model;

/// <summary>
/// The version of a record at its source: a last-modified time, a sequence number or an entity tag.
/// </summary>
/// <remarks>
/// <para>
/// The pipeline uses versions to skip stale records: a record older than what the target already holds is
/// never written over newer data. Timestamps and sequences are ordered; entity tags only tell equal from
/// different, so a different tag is always treated as a change (see <see cref="CompareTo"/>).
/// </para>
/// <para>This type is immutable and thread-safe. The default value is <see cref="None"/>.</para>
/// </remarks>
public readonly record struct SourceVersion
{
    private SourceVersion(SourceVersionKind kind, long ordinal, string? tag)
    {
        Kind = kind;
        Ordinal = ordinal;
        Tag = tag;
    }

    /// <summary>Gets a version that carries no information.</summary>
    public static SourceVersion None => default;

    /// <summary>Gets what the version was built from.</summary>
    public SourceVersionKind Kind { get; }

    /// <summary>Gets the ordered value: UTC ticks for a timestamp, the number for a sequence, zero otherwise.</summary>
    public long Ordinal { get; }

    /// <summary>Gets the entity tag, for <see cref="SourceVersionKind.ETag"/> versions.</summary>
    public string? Tag { get; }

    /// <summary>Creates a version from a last-modified time.</summary>
    /// <param name="modifiedAt">The time; converted to UTC.</param>
    /// <returns>The version.</returns>
    public static SourceVersion FromTimestamp(DateTimeOffset modifiedAt) =>
        new(SourceVersionKind.Timestamp, modifiedAt.UtcTicks, null);

    /// <summary>Creates a version from a sequence number or row version.</summary>
    /// <param name="sequence">The sequence; larger is newer.</param>
    /// <returns>The version.</returns>
    public static SourceVersion FromSequence(long sequence) => new(SourceVersionKind.Sequence, sequence, null);

    /// <summary>Creates a version from an opaque entity tag.</summary>
    /// <param name="etag">The tag.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentException">The tag is null or empty.</exception>
    public static SourceVersion FromETag(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new(SourceVersionKind.ETag, 0, etag);
    }

    /// <summary>Rebuilds a version from the parts a store persisted.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="ordinal">The ordinal.</param>
    /// <param name="tag">The tag, for entity-tag versions.</param>
    /// <returns>The version.</returns>
    public static SourceVersion FromParts(SourceVersionKind kind, long ordinal, string? tag) => kind switch
    {
        SourceVersionKind.None => None,
        SourceVersionKind.ETag => FromETag(tag ?? string.Empty),
        SourceVersionKind.Timestamp or SourceVersionKind.Sequence => new(kind, ordinal, null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown version kind."),
    };

    /// <summary>Compares this version with one that was seen before.</summary>
    /// <param name="other">The version seen before.</param>
    /// <returns>
    /// <see cref="VersionOrder.Same"/> for equal versions; <see cref="VersionOrder.Older"/> or
    /// <see cref="VersionOrder.Newer"/> for ordered kinds; <see cref="VersionOrder.Unordered"/> otherwise.
    /// </returns>
    public VersionOrder CompareTo(SourceVersion other)
    {
        if (Kind != other.Kind || Kind == SourceVersionKind.None)
        {
            return VersionOrder.Unordered;
        }

        if (Kind == SourceVersionKind.ETag)
        {
            return string.Equals(Tag, other.Tag, StringComparison.Ordinal) ? VersionOrder.Same : VersionOrder.Unordered;
        }

        return Ordinal.CompareTo(other.Ordinal) switch
        {
            < 0 => VersionOrder.Older,
            0 => VersionOrder.Same,
            _ => VersionOrder.Newer,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SourceVersionKind.Timestamp => new DateTimeOffset(Ordinal, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
        SourceVersionKind.Sequence => Ordinal.ToString(CultureInfo.InvariantCulture),
        SourceVersionKind.ETag => Tag!,
        _ => "none",
    };
}
