namespace AccountingSync.Batch.Scheduling;

/// <summary>What a <see cref="BatchScheduler"/> does with occurrences that fell due while it was not running.</summary>
public enum MissedRunPolicy
{
    /// <summary>Run once for the latest missed occurrence, however many were missed.</summary>
    RunOnce = 0,

    /// <summary>Run nothing for missed occurrences; wait for the next one. An occurrence within the grace period is not missed.</summary>
    Skip = 1,
}
