namespace AccountingSync.DeadLetters;

/// <summary>
/// The one rule every dead-letter store applies when a record fails again: the new failure's details, the sum
/// of the attempts, and the first failure time of the old entry. Stores share it so that they agree.
/// </summary>
public static class DeadLetterMerge
{
    /// <summary>Merges a new failure into the entry already stored under the same key.</summary>
    /// <param name="existing">The stored entry.</param>
    /// <param name="added">The new failure.</param>
    /// <returns>The merged entry.</returns>
    public static DeadLetter Merge(DeadLetter existing, DeadLetter added)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(added);
        return added with
        {
            Attempts = existing.Attempts + added.Attempts,
            FirstFailedAt = existing.FirstFailedAt < added.FirstFailedAt ? existing.FirstFailedAt : added.FirstFailedAt,
            LastFailedAt = existing.LastFailedAt > added.LastFailedAt ? existing.LastFailedAt : added.LastFailedAt,
        };
    }

    /// <summary>Tells whether an entry matches a query; stores that filter in memory use it.</summary>
    /// <param name="query">The query.</param>
    /// <param name="letter">The entry.</param>
    /// <returns><see langword="true"/> when every criterion of the query matches.</returns>
    public static bool Matches(this DeadLetterQuery query, DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(letter);
        return (query.Stream is null || string.Equals(query.Stream, letter.Stream, StringComparison.Ordinal))
            && (query.ErrorClass is null || query.ErrorClass == letter.ErrorClass)
            && (query.ReasonContains is null || letter.Reason.Contains(query.ReasonContains, StringComparison.OrdinalIgnoreCase))
            && (query.Entity is null || query.Entity == letter.Entity)
            && (query.EntityType is null || string.Equals(query.EntityType, letter.Entity.EntityType, StringComparison.Ordinal));
    }
}
