namespace AccountingSync.Inbox;

/// <summary>Where an inbox event stands.</summary>
public enum InboxStatus
{
    /// <summary>Waiting to be processed, or released after a failed attempt.</summary>
    Pending = 0,

    /// <summary>Claimed by an instance under a lease; reclaimable once the lease expires.</summary>
    Claimed = 1,

    /// <summary>Processed into the pipeline.</summary>
    Processed = 2,
}
