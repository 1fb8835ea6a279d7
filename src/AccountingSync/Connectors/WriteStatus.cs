namespace AccountingSync.Connectors;

/// <summary>What a target did with one write.</summary>
public enum WriteStatus
{
    /// <summary>The write was applied now.</summary>
    Written = 0,

    /// <summary>The target had already applied a write with the same idempotency key; nothing changed.</summary>
    AlreadyApplied = 1,

    /// <summary>The write failed; see <see cref="TargetWriteResult.Error"/>.</summary>
    Failed = 2,
}
