using AccountingSync.Scheduling;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IScheduleStore"/> must meet.</summary>
public abstract class ScheduleStoreConformance : StoreConformance<IScheduleStore>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task TryAcquireAsync_HeldLease_RefusesEveryOtherHolderUntilItLapses()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.TryAcquireAsync("nightly", "a", At, Hour, Token));
        Assert.False(await store.TryAcquireAsync("nightly", "b", At.AddMinutes(59), Hour, Token));
        Assert.True(await store.TryAcquireAsync("other", "b", At, Hour, Token));
        Assert.True(await store.TryAcquireAsync("nightly", "b", At + Hour, Hour, Token));
    }

    [Fact]
    public async Task TryAcquireAsync_ManyHoldersRacing_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.TryAcquireAsync("nightly", $"instance-{i}", At, Hour, Token).AsTask()));

        Assert.Equal(1, wins.Count(w => w));
    }

    [Fact]
    public async Task ReleaseAsync_ByTheHolderOnly_FreesTheLease()
    {
        var store = await CreateStoreAsync();
        await store.TryAcquireAsync("nightly", "a", At, Hour, Token);

        await store.ReleaseAsync("nightly", "b", Token);
        Assert.False(await store.TryAcquireAsync("nightly", "b", At, Hour, Token));
        await store.ReleaseAsync("nightly", "a", Token);
        Assert.True(await store.TryAcquireAsync("nightly", "b", At, Hour, Token));
    }

    [Fact]
    public async Task RecordAsync_EndedRuns_MoveTheLastOccurrenceForwardOnlyAndSurviveReopen()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetLastOccurrenceAsync("nightly", Token));

        await store.RecordAsync(new ScheduledRun("nightly", At, At, null, "running", null), Token);
        Assert.Null(await store.GetLastOccurrenceAsync("nightly", Token));
        await store.RecordAsync(new ScheduledRun("nightly", At, At, At.AddMinutes(5), "succeeded", null), Token);
        await store.RecordAsync(new ScheduledRun("nightly", At.AddDays(-1), At, At, "skipped", "missed"), Token);
        store = await ReopenAsync(store);

        Assert.Equal(At, await store.GetLastOccurrenceAsync("nightly", Token));
        var history = await store.ReadHistoryAsync("nightly", Token);
        Assert.Equal(
            [new ScheduledRun("nightly", At.AddDays(-1), At, At, "skipped", "missed"),
             new ScheduledRun("nightly", At, At, At.AddMinutes(5), "succeeded", null)],
            history);
        Assert.Empty(await store.ReadHistoryAsync("weekly", Token));
    }
}
