namespace AccountingSync.Batch.Mapping;

/// <summary>What a <see cref="IBatchMapper"/> made of one source row: a staged line, a skip or failures.</summary>
/// <remarks>Create one with <see cref="Stage"/>, <see cref="Skip"/> or <see cref="Fail"/>.</remarks>
public sealed class RowOutcome
{
    private RowOutcome(string? groupKey, string? payload, IReadOnlyList<RowFailure> failures)
    {
        GroupKey = groupKey;
        Payload = payload;
        Failures = failures;
    }

    /// <summary>Gets the key of the document the row belongs to, when it is staged.</summary>
    public string? GroupKey { get; }

    /// <summary>Gets the normalised row the mapper will read back to build the document, when it is staged.</summary>
    public string? Payload { get; }

    /// <summary>Gets why the row was skipped or failed; empty when it is staged.</summary>
    public IReadOnlyList<RowFailure> Failures { get; }

    /// <summary>Gets a value indicating whether the row is staged for loading.</summary>
    public bool IsStaged => GroupKey is not null;

    /// <summary>Stages a row as a line of a document.</summary>
    /// <param name="groupKey">The document's key; rows with the same key make one document.</param>
    /// <param name="payload">The normalised row, in any text form the mapper reads back.</param>
    /// <returns>The outcome.</returns>
    public static RowOutcome Stage(string groupKey, string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupKey);
        ArgumentNullException.ThrowIfNull(payload);
        return new RowOutcome(groupKey, payload, []);
    }

    /// <summary>Skips a row under a stated rule; it is reported, not booked and not counted as failed.</summary>
    /// <param name="skip">The report line, with <see cref="RowDisposition.Skipped"/>.</param>
    /// <returns>The outcome.</returns>
    public static RowOutcome Skip(RowFailure skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        return new RowOutcome(null, null, [skip with { Disposition = RowDisposition.Skipped }]);
    }

    /// <summary>Fails a row; every broken rule is reported.</summary>
    /// <param name="failures">At least one failure.</param>
    /// <returns>The outcome.</returns>
    public static RowOutcome Fail(IReadOnlyList<RowFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentOutOfRangeException.ThrowIfZero(failures.Count);
        return new RowOutcome(null, null, failures);
    }
}
