namespace AccountingSync.Batch.Scheduling;

/// <summary>How a <see cref="BatchScheduler"/> runs its schedules.</summary>
public sealed record BatchSchedulerOptions
{
    /// <summary>Gets this instance's name in leases.</summary>
    /// <value>Defaults to the machine name and a random suffix.</value>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>Gets how long a lease lasts; a run longer than this could be started again by another instance.</summary>
    /// <value>Defaults to 6 hours.</value>
    /// <remarks>Must be positive. Set it above the longest run a job may take.</remarks>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets how late an occurrence may be handled and still count as on time under <see cref="MissedRunPolicy.Skip"/>.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how often the hosted loop wakes when no occurrence is due sooner.</summary>
    /// <value>Defaults to 1 minute.</value>
    /// <remarks>Must be positive; a lease held elsewhere is retried at this interval.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
