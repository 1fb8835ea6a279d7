using AccountingSync.Inbox;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>An inbox whose enqueue fails, as a database that is down does.</summary>
internal sealed class FailingInboxStore : IInboxStore
{
    private readonly InMemoryInboxStore _inner = new();

    public ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The database is unavailable.");

    public ValueTask<IReadOnlyList<InboxEvent>> ClaimAsync(
        string owner, int maxCount, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.ClaimAsync(owner, maxCount, leaseUntil, now, cancellationToken);

    public ValueTask<int> CompleteAsync(string owner, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        _inner.CompleteAsync(owner, sequences, cancellationToken);

    public ValueTask ReleaseAsync(string owner, long sequence, string error, CancellationToken cancellationToken) =>
        _inner.ReleaseAsync(owner, sequence, error, cancellationToken);

    public ValueTask<IReadOnlyList<InboxEvent>> ListAsync(InboxQuery query, CancellationToken cancellationToken) =>
        _inner.ListAsync(query, cancellationToken);

    public ValueTask<int> RequeueAsync(InboxQuery query, CancellationToken cancellationToken) =>
        _inner.RequeueAsync(query, cancellationToken);
}
