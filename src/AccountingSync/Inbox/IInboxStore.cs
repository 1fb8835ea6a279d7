namespace AccountingSync.Inbox;

/// <summary>
/// The durable webhook inbox: a verified delivery is enqueued before the endpoint answers 2xx, then claimed
/// under a lease, processed into the pipeline, and completed.
/// </summary>
/// <remarks>
/// <para>
/// Enqueue takes a list so an endpoint under load can commit concurrent deliveries in one transaction. A
/// delivery whose (provider, event id) is already in the inbox is reported as a duplicate and not stored again.
/// </para>
/// <para>
/// Claims carry a lease: an instance that crashes mid-processing loses its lease when it expires, and the
/// event is claimed again by another. Implementations must be safe for concurrent use by several instances.
/// </para>
/// </remarks>
public interface IInboxStore
{
    /// <summary>Enqueues deliveries, all or none.</summary>
    /// <param name="events">The deliveries; <see cref="InboxEvent.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call stores nothing.</param>
    /// <returns>Per delivery, in order: its sequence when stored, or null when it was a duplicate.</returns>
    ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Claims pending events that are due (see <see cref="ReleaseAsync"/>), and claimed events whose lease expired,
    /// oldest first.
    /// </summary>
    /// <param name="owner">The claiming instance's id.</param>
    /// <param name="maxCount">The most events to claim.</param>
    /// <param name="leaseUntil">When the lease expires.</param>
    /// <param name="now">The current time, to tell expired leases.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed events.</returns>
    ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks claimed events processed. Events whose lease the owner lost are left alone.</summary>
    /// <param name="owner">The owner that claimed them.</param>
    /// <param name="sequences">The events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many events were marked.</returns>
    ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>
    /// Releases a claimed event after a failed attempt, recording the error, so it is claimed again once
    /// <paramref name="notBefore"/> has passed.
    /// </summary>
    /// <param name="owner">The owner that claimed it.</param>
    /// <param name="sequence">The event.</param>
    /// <param name="error">What went wrong, without secrets or personal data.</param>
    /// <param name="notBefore">
    /// The earliest time a claim may take it again: a provider's <c>Retry-After</c> or a back-off, so a failing
    /// event does not spend its attempts in a burst; a time already past releases it at once.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the release is durable.</returns>
    ValueTask ReleaseAsync(string owner, long sequence, string error, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Lists events, oldest first.</summary>
    /// <param name="query">Which events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken);

    /// <summary>Sets matching processed events back to pending, so they are processed again (replay).</summary>
    /// <param name="query">Which events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many events were requeued.</returns>
    ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken);
}
