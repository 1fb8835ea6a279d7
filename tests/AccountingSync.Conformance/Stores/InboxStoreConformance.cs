using System.Text;
using AccountingSync.Inbox;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IInboxStore"/> must meet.</summary>
public abstract class InboxStoreConformance : StoreConformance<IInboxStore>
{
    protected static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static InboxEvent Delivery(string id, string provider = "shopify", DateTimeOffset? at = null, string? body = null) => new()
    {
        Provider = provider,
        EventId = id,
        ReceivedAt = at ?? At,
        Headers = new Dictionary<string, string> { ["X-Shopify-Topic"] = "orders/create", ["Content-Type"] = "application/json" },
        Body = Encoding.UTF8.GetBytes(body ?? "{\"id\":\"" + id + "\"}"),
    };

    [Fact]
    public async Task EnqueueAsync_NewAndDuplicate_ReportsSequencesAndNulls()
    {
        var store = await CreateStoreAsync();
        var first = await store.EnqueueAsync([Delivery("a"), Delivery("b")], Token);
        var second = await store.EnqueueAsync([Delivery("b"), Delivery("c"), Delivery("a", provider: "xero")], Token);

        Assert.All(first, s => Assert.NotNull(s));
        Assert.True(first[1] > first[0]);
        Assert.Null(second[0]);
        Assert.True(second[1] > first[1]);
        Assert.NotNull(second[2]);
    }

    [Fact]
    public async Task EnqueueAsync_DuplicateInsideOneBatch_StoresItOnce()
    {
        var store = await CreateStoreAsync();
        var result = await store.EnqueueAsync([Delivery("a"), Delivery("a")], Token);

        Assert.NotNull(result[0]);
        Assert.Null(result[1]);
        Assert.Single(await store.ListAsync(new InboxQuery(), Token));
    }

    [Fact]
    public async Task EnqueueAsync_BodyAndHeaders_RoundTripExactly()
    {
        var store = await CreateStoreAsync();
        var body = "{\"name\":\"Zoë\",\t\"total\":\"12.50\"}\r\n";
        await store.EnqueueAsync([Delivery("a", body: body)], Token);
        store = await ReopenAsync(store);

        var stored = Assert.Single(await store.ListAsync(new InboxQuery(), Token));
        Assert.Equal(Encoding.UTF8.GetBytes(body), stored.Body.ToArray());
        Assert.Equal("orders/create", stored.Headers["X-Shopify-Topic"]);
        Assert.Equal(At, stored.ReceivedAt);
        Assert.Equal(InboxStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task EnqueueAsync_EmptyBodyAndNoHeaders_RoundTripAsEmptyNotMissing()
    {
        var store = await CreateStoreAsync();
        var empty = Delivery("a") with { Body = ReadOnlyMemory<byte>.Empty, Headers = new Dictionary<string, string>() };
        var quoted = Delivery("b") with { Headers = new Dictionary<string, string> { ["X-Note"] = "\"a\" <b> & é" } };
        var sequences = await store.EnqueueAsync([empty, quoted], Token);
        store = await ReopenAsync(store);

        Assert.All(sequences, s => Assert.NotNull(s));
        var stored = await store.ListAsync(new InboxQuery(), Token);
        Assert.Empty(stored.Single(e => e.EventId == "a").Body.ToArray());
        Assert.Empty(stored.Single(e => e.EventId == "a").Headers);
        Assert.Equal("\"a\" <b> & é", stored.Single(e => e.EventId == "b").Headers["X-Note"]);
    }

    [Fact]
    public async Task ClaimAsync_TakesPendingOldestFirst_AndNotTwice()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a"), Delivery("b"), Delivery("c")], Token);

        var first = await store.ClaimAsync("one", 2, At.AddMinutes(5), At, Token);
        var second = await store.ClaimAsync("two", 5, At.AddMinutes(5), At, Token);

        Assert.Equal(["a", "b"], first.Select(e => e.EventId));
        Assert.Equal(["c"], second.Select(e => e.EventId));
        Assert.All(first, e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public async Task ClaimAsync_ExpiredLease_IsClaimedAgain()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a")], Token);
        await store.ClaimAsync("crashed", 1, At.AddMinutes(1), At, Token);

        Assert.Empty(await store.ClaimAsync("other", 1, At.AddMinutes(2), At.AddSeconds(30), Token));
        var reclaimed = Assert.Single(await store.ClaimAsync("other", 1, At.AddMinutes(3), At.AddMinutes(2), Token));
        Assert.Equal(2, reclaimed.Attempts);

        // The crashed owner lost its lease, so its late completion changes nothing.
        Assert.Equal(0, await store.CompleteAsync("crashed", [reclaimed.Sequence], Token));
        Assert.Equal(1, await store.CompleteAsync("other", [reclaimed.Sequence], Token));
    }

    [Fact]
    public async Task CompleteAsync_MarksProcessed_AndProcessedIsNotClaimed()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a")], Token);
        var claimed = Assert.Single(await store.ClaimAsync("one", 1, At.AddMinutes(1), At, Token));
        await store.CompleteAsync("one", [claimed.Sequence], Token);
        store = await ReopenAsync(store);

        Assert.Empty(await store.ClaimAsync("one", 1, At.AddHours(1), At.AddHours(1), Token));
        Assert.Equal(InboxStatus.Processed, Assert.Single(await store.ListAsync(new InboxQuery(), Token)).Status);
    }

    [Fact]
    public async Task ReleaseAsync_ReturnsTheEventToPendingWithTheError()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a")], Token);
        var claimed = Assert.Single(await store.ClaimAsync("one", 1, At.AddMinutes(1), At, Token));
        await store.ReleaseAsync("one", claimed.Sequence, "mapper failed", At, Token);

        var again = Assert.Single(await store.ClaimAsync("two", 1, At.AddMinutes(1), At, Token));
        Assert.Equal("mapper failed", again.LastError);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task ReleaseAsync_NotBefore_HoldsTheEventBackUntilThenEvenAfterReopening()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a"), Delivery("b")], Token);
        var first = (await store.ClaimAsync("one", 2, At.AddMinutes(5), At, Token))[0];
        await store.ReleaseAsync("one", first.Sequence, "HTTP 429", At.AddSeconds(30), Token);
        store = await ReopenAsync(store);

        // Before its time the released event is passed over, though it is older than anything else claimable.
        Assert.Empty(await store.ClaimAsync("two", 5, At.AddMinutes(6), At.AddSeconds(29), Token));
        Assert.Equal(InboxStatus.Pending, (await store.ListAsync(new InboxQuery { EventIds = ["a"] }, Token))[0].Status);
        var due = Assert.Single(await store.ClaimAsync("two", 5, At.AddMinutes(6), At.AddSeconds(30), Token));
        Assert.Equal("a", due.EventId);
        Assert.Equal("HTTP 429", due.LastError);
    }

    [Fact]
    public async Task RequeueAsync_AfterADelayedRelease_IsDueAtOnce()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("a")], Token);
        var claimed = Assert.Single(await store.ClaimAsync("one", 1, At.AddMinutes(5), At, Token));
        await store.ReleaseAsync("one", claimed.Sequence, "HTTP 503", At.AddHours(1), Token);
        var again = Assert.Single(await store.ClaimAsync("two", 1, At.AddHours(1).AddMinutes(5), At.AddHours(1), Token));
        await store.CompleteAsync("two", [again.Sequence], Token);

        Assert.Equal(1, await store.RequeueAsync(new InboxQuery { EventIds = ["a"] }, Token));

        Assert.Single(await store.ClaimAsync("three", 1, At.AddMinutes(1), At, Token));
    }

    [Fact]
    public async Task ListAndRequeue_FilterByProviderTimeAndIds()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(
            [Delivery("a", at: At), Delivery("b", at: At.AddHours(1)), Delivery("c", provider: "xero", at: At.AddHours(2))], Token);
        var claimed = await store.ClaimAsync("one", 10, At.AddMinutes(1), At, Token);
        await store.CompleteAsync("one", claimed.Select(e => e.Sequence).ToList(), Token);

        Assert.Equal(["a", "b"], (await store.ListAsync(new InboxQuery { Provider = "shopify" }, Token)).Select(e => e.EventId));
        Assert.Equal(["b"], (await store.ListAsync(
            new InboxQuery { ReceivedFrom = At.AddMinutes(30), ReceivedTo = At.AddHours(2) }, Token)).Select(e => e.EventId));
        Assert.Equal(["c"], (await store.ListAsync(new InboxQuery { EventIds = ["c"] }, Token)).Select(e => e.EventId));

        Assert.Equal(1, await store.RequeueAsync(new InboxQuery { Provider = "xero" }, Token));
        var replayed = Assert.Single(await store.ClaimAsync("two", 10, At.AddMinutes(1), At, Token));
        Assert.Equal("c", replayed.EventId);
    }

    [Fact]
    public async Task ClaimAsync_Concurrent_NeverHandsAnEventToTwoOwners()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(Enumerable.Range(0, 60).Select(i => Delivery($"e{i}")).ToList(), Token);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(o => store.ClaimAsync($"owner{o}", 15, At.AddMinutes(5), At, Token).AsTask()));

        var all = claims.SelectMany(c => c).Select(e => e.EventId).ToList();
        Assert.Equal(60, all.Count);
        Assert.Equal(60, all.Distinct().Count());
    }
}
