using AccountingSync.Audit;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;

namespace AccountingSync.Tests.Resilience;

public sealed class DeadLetterReplayerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayAsync_AfterAFix_DeliversOnceRemovesTheLettersAndAudits()
    {
        var stores = SyncStores.InMemory();
        var down = true;
        var target = new RecordingTarget { Faults = w => down && w.Document.Source.Id != "E2" ? TargetFault.Permanent : TargetFault.None };
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 2 });
        var changes = Enumerable.Range(0, 4).Select(i => new TestRecord($"E{i}", 1, 5m).ToChange()).ToList();
        await pipeline.RunAsync(new ListSource("s", changes), new TestRecordMapper(), Token);
        Assert.Equal(3, await stores.DeadLetters.CountAsync(Token));

        var auditStore = new InMemoryAuditStore();
        var replayer = new DeadLetterReplayer(stores.DeadLetters, stores.Idempotency, new AuditLog(auditStore));
        down = false;
        var first = await replayer.ReplayAsync(pipeline, new TestRecordMapper(), DeadLetterQuery.All, "ops@example", Token);
        var second = await replayer.ReplayAsync(pipeline, new TestRecordMapper(), DeadLetterQuery.All, "ops@example", Token);

        Assert.Equal(new DeadLetterReplayResult(3, 3, 0), first);
        Assert.Equal(new DeadLetterReplayResult(0, 0, 0), second);
        Assert.Equal(4, target.History.Count);
        Assert.Equal(0, await stores.DeadLetters.CountAsync(Token));
        var entry = await auditStore.GetLastAsync(Token);
        Assert.Equal(("ops@example", "deadletters.replay"), (entry!.Actor, entry.Action));
        Assert.True((await new AuditLog(auditStore).VerifyAsync(Token)).IsIntact);
    }

    [Fact]
    public async Task ReplayAsync_StillBroken_KeepsTheLetterWithMoreAttempts()
    {
        var stores = SyncStores.InMemory();
        var target = new RecordingTarget { Faults = _ => TargetFault.Permanent };
        await using var pipeline = new SyncPipeline(target, stores, new SyncPipelineOptions { Parallelism = 1 });
        await pipeline.RunAsync(new ListSource("s", [new TestRecord("E1", 1, 5m).ToChange()]), new TestRecordMapper(), Token);
        var replayer = new DeadLetterReplayer(stores.DeadLetters, stores.Idempotency, new AuditLog(new InMemoryAuditStore()));

        var result = await replayer.ReplayAsync(pipeline, new TestRecordMapper(),
            new DeadLetterQuery { ErrorClass = ErrorClass.Permanent }, "ops", Token);

        Assert.Equal(new DeadLetterReplayResult(1, 0, 1), result);
        Assert.Equal(2, Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token)).Attempts);
    }

    [Fact]
    public async Task PurgeAsync_RemovesMatchingLettersAndRecordsWhy()
    {
        var stores = SyncStores.InMemory();
        await using var pipeline = new SyncPipeline(new RecordingTarget(), stores, new SyncPipelineOptions { Parallelism = 1 });
        var changes = new[] { new TestRecord("bad", 1, 5m, Invalid: true).ToChange(), new TestRecord("odd", 1, 5m,
            Unmappable: true).ToChange() };
        await pipeline.RunAsync(new ListSource("s", changes), new TestRecordMapper(), Token);
        var auditStore = new InMemoryAuditStore();
        var replayer = new DeadLetterReplayer(stores.DeadLetters, stores.Idempotency, new AuditLog(auditStore));

        var removed = await replayer.PurgeAsync(new DeadLetterQuery { ErrorClass = ErrorClass.Validation }, "ops", "test data", Token);

        Assert.Equal(1, removed);
        Assert.Equal("odd", Assert.Single(await stores.DeadLetters.QueryAsync(DeadLetterQuery.All, Token)).Entity.Id);
        var entry = await auditStore.GetLastAsync(Token);
        Assert.Equal("deadletters.purge", entry!.Action);
        Assert.Contains("test data", entry.Details, StringComparison.Ordinal);
    }
}
