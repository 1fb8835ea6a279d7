namespace AccountingSync.Model;

/// <summary>
/// Where a record comes from: the source system, the kind of entity in that system, and its id there.
/// </summary>
/// <remarks>
/// <para>
/// The identity is what the pipeline partitions, deduplicates and reconciles by. Two records with the same
/// identity are versions of one entity, processed in order; records with different identities may run in
/// parallel. Comparison is ordinal and case-sensitive, because provider ids are.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record SourceIdentity
{
    // The identity is hashed several times per record (partitioning, batching, store lookups); caching the hash
    // of this immutable value keeps that to one pass over its strings.
    private int _hash;

    /// <summary>Creates an identity.</summary>
    /// <param name="system">The source system, such as <c>shopify</c> or <c>pos-store-12</c>.</param>
    /// <param name="entityType">The entity type in that system, such as <c>order</c> or <c>Invoice</c>.</param>
    /// <param name="id">The entity's id in that system.</param>
    /// <exception cref="ArgumentException">A part is null, empty or white space.</exception>
    public SourceIdentity(string system, string entityType, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        System = system;
        EntityType = entityType;
        Id = id;
    }

    /// <summary>Gets the source system.</summary>
    public string System { get; }

    /// <summary>Gets the entity type in the source system.</summary>
    public string EntityType { get; }

    /// <summary>Gets the entity's id in the source system.</summary>
    public string Id { get; }

    /// <summary>Compares ordinally, part by part.</summary>
    /// <param name="other">The other identity.</param>
    /// <returns><see langword="true"/> when all three parts are equal.</returns>
    public bool Equals(SourceIdentity? other) =>
        ReferenceEquals(this, other)
        || (other is not null && GetHashCode() == other.GetHashCode()
            && string.Equals(Id, other.Id, StringComparison.Ordinal)
            && string.Equals(EntityType, other.EntityType, StringComparison.Ordinal)
            && string.Equals(System, other.System, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hash;
        if (hash == 0)
        {
            hash = HashCode.Combine(System, EntityType, Id);
            _hash = hash == 0 ? 1 : hash;
        }

        return _hash;
    }

    /// <inheritdoc />
    public override string ToString() => $"{System}/{EntityType}/{Id}";
}
