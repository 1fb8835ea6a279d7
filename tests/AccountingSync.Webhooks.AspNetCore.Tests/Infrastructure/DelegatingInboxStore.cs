using AccountingSync.Inbox;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>An in-memory inbox that tests wrap to change how enqueues behave; everything else goes straight through.</summary>
internal abstract class DelegatingInboxStore : IInboxStore
{
    protected InMemoryInboxStore Inner { get; } = new();

    public abstract ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken);

    public ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        Inner.ClaimAsync(owner, maxCount, leaseUntil, now, cancellationToken);

    public ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        Inner.CompleteAsync(owner, sequences, cancellationToken);

    public ValueTask ReleaseAsync(
        string owner, long sequence, string error, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        Inner.ReleaseAsync(owner, sequence, error, notBefore, cancellationToken);

    public ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken) =>
        Inner.ListAsync(query, cancellationToken);

    public ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken) =>
        Inner.RequeueAsync(query, cancellationToken);
}
