using System.Net;
using AccountingSync.Checkpoints;
using AccountingSync.DeadLetters;
using AccountingSync.Deduplication;
using AccountingSync.Idempotency;
using AccountingSync.Inbox;
using AccountingSync.Pipeline;
using AccountingSync.Webhooks.Tests.Endpoints;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Processing;

public sealed class InboxProcessorTests
{
    [Fact]
    public async Task Process_PipelineRunFails_ReleasesTheEventAndProcessesItOnTheNextCycle()
    {
        var checkpoints = new FlakyCheckpointStore();
        var stores = new SyncStores(
            new InMemoryIdempotencyStore(), new InMemoryDeduplicationStore(), checkpoints, new InMemoryDeadLetterStore());
        await using var host = await WebhookEndpointTests.StartStripeAsync(services: s => s.AddSingleton(stores));

        using var response = await WebhookEndpointTests.SendStripeAsync(
            host, WebhookEndpointTests.StripeEvent("evt_retry", "in_retry"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Target.WaitForWritesAsync(1, TimeSpan.FromSeconds(20));
        var stored = Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
        Assert.True(stored.Attempts >= 2, $"attempts: {stored.Attempts}");
        Assert.Contains("checkpoint store is down", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(1, host.Target.Written);
    }

    [Fact]
    public async Task Process_EventsInOrder_CheckpointCursorIsTheHighestInboxSequence()
    {
        await using var host = await WebhookEndpointTests.StartStripeAsync();

        for (var i = 0; i < 3; i++)
        {
            using var response = await WebhookEndpointTests.SendStripeAsync(
                host, WebhookEndpointTests.StripeEvent($"evt_cursor_{i}", $"in_cursor_{i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await host.Target.WaitForWritesAsync(3, TimeSpan.FromSeconds(20));
        var processor = host.Services.GetRequiredService<AccountingSync.Webhooks.Processing.WebhookInboxProcessor>();
        while (await processor.ProcessOnceAsync(TestContext.Current.CancellationToken) > 0)
        {
            // Drains whatever the hosted loop has not completed yet.
        }

        var stores = host.Services.GetRequiredService<SyncStores>();
        var checkpoint = await stores.Checkpoints.GetAsync("webhooks.stripe", TestContext.Current.CancellationToken);
        var events = await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken);
        Assert.All(events, e => Assert.Equal(InboxStatus.Processed, e.Status));
        var highest = events.Max(e => e.Sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(highest, checkpoint?.Cursor);
    }

    /// <summary>A checkpoint store whose first read fails, as a database restarting does.</summary>
    private sealed class FlakyCheckpointStore : ICheckpointStore
    {
        private readonly InMemoryCheckpointStore _inner = new();
        private int _reads;

        public ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _reads) == 1
                ? throw new InvalidOperationException("The checkpoint store is down.")
                : _inner.GetAsync(stream, cancellationToken);

        public ValueTask<Checkpoint?> TrySaveAsync(
            string stream, string? cursor, long expectedRevision, DateTimeOffset savedAt, CancellationToken cancellationToken) =>
            _inner.TrySaveAsync(stream, cursor, expectedRevision, savedAt, cancellationToken);
    }
}
