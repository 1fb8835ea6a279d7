namespace AccountingSync.Connectors;

/// <summary>The result of one write: what the target did, its id for the record, or why it failed.</summary>
public readonly record struct TargetWriteResult
{
    /// <summary>Gets what the target did.</summary>
    public WriteStatus Status { get; init; }

    /// <summary>Gets the target's id for the record, when it was written or had been.</summary>
    public string? TargetId { get; init; }

    /// <summary>Gets the class of the failure; <see cref="ErrorClass.None"/> on success.</summary>
    public ErrorClass Error { get; init; }

    /// <summary>Gets the failure's message, free of secrets and personal data.</summary>
    public string? Message { get; init; }

    /// <summary>Gets how long the target asked callers to wait, when it did (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the target holds the write now.</summary>
    public bool Succeeded => Status != WriteStatus.Failed;

    /// <summary>Creates a result for a write applied now.</summary>
    /// <param name="targetId">The target's id for the record.</param>
    /// <returns>The result.</returns>
    public static TargetWriteResult Written(string targetId) => new() { Status = WriteStatus.Written, TargetId = targetId };

    /// <summary>Creates a result for a write the target had already applied.</summary>
    /// <param name="targetId">The target's id for the record.</param>
    /// <returns>The result.</returns>
    public static TargetWriteResult AlreadyApplied(string targetId) =>
        new() { Status = WriteStatus.AlreadyApplied, TargetId = targetId };

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The class of failure.</param>
    /// <param name="message">What went wrong, without secrets or personal data.</param>
    /// <param name="retryAfter">How long the target asked to wait, when it did.</param>
    /// <returns>The result.</returns>
    public static TargetWriteResult Failed(ErrorClass error, string message, TimeSpan? retryAfter = null) =>
        new() { Status = WriteStatus.Failed, Error = error, Message = message, RetryAfter = retryAfter };
}
