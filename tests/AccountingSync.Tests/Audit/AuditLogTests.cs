using AccountingSync.Audit;

namespace AccountingSync.Tests.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task VerifyAsync_ChangedEntry_IsFoundAndNamed()
    {
        var store = new InMemoryAuditStore();
        var log = new AuditLog(store);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync("ops", "credentials.rotate", $"conn-{i}", null, TestContext.Current.CancellationToken);
        }

        var entries = new List<AuditEntry>();
        await foreach (var entry in store.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        store.Tamper(2, entries[2] with { Subject = "conn-other" });
        var verification = await log.VerifyAsync(TestContext.Current.CancellationToken);

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal(2, verification.VerifiedEntries);
        Assert.Contains("hash", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RemovedEntry_BreaksTheChain()
    {
        var store = new InMemoryAuditStore();
        var log = new AuditLog(store);
        await log.AppendAsync("ops", "a", "x", null, TestContext.Current.CancellationToken);
        var second = await log.AppendAsync("ops", "b", "y", null, TestContext.Current.CancellationToken);
        await log.AppendAsync("ops", "c", "z", null, TestContext.Current.CancellationToken);

        // Replace entry 2 with a re-hashed forgery: the third entry's previous hash no longer matches.
        var forged = second with { Action = "forged" };
        store.Tamper(1, forged with { Hash = AuditLog.ComputeHash(forged.Sequence, forged.At, forged.Actor,
            forged.Action, forged.Subject, forged.Details, forged.PreviousHash) });

        var verification = await log.VerifyAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, verification.BrokenAt);
    }
}
