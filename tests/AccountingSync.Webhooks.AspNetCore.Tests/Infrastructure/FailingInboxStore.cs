using AccountingSync.Inbox;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>An inbox whose enqueue fails, as a database that is down does.</summary>
internal sealed class FailingInboxStore : DelegatingInboxStore
{
    public override ValueTask<IReadOnlyList<long?>> EnqueueAsync(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The database is unavailable.");
}
