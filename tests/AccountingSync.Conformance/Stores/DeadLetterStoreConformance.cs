using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Validation;

namespace AccountingSync.Conformance.Stores;

/// <summary>The contract every <see cref="IDeadLetterStore"/> must meet.</summary>
public abstract class DeadLetterStoreConformance : StoreConformance<IDeadLetterStore>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static DeadLetter Letter(
        string id, ErrorClass errorClass = ErrorClass.Validation, string stream = "shop", DateTimeOffset? at = null)
    {
        var entity = new SourceIdentity("shop", "invoice", id);
        var version = SourceVersion.FromSequence(3);
        return new DeadLetter
        {
            Key = IdempotencyKey.Derive("books", entity, version, ChangeOperation.Upsert),
            Stream = stream,
            Target = "books",
            Entity = entity,
            Version = version,
            Operation = ChangeOperation.Upsert,
            EventId = "evt-" + id,
            PayloadType = "System.Text.Json.JsonElement",
            Payload = "{\"id\":\"" + id + "\",\"total\":\"12.50\"}",
            Reason = errorClass == ErrorClass.Validation ? "Validation failed: Lines[0].Quantity" : "Target answered 503",
            ErrorClass = errorClass,
            Problems = errorClass == ErrorClass.Validation
                ? [new ValidationProblem("Lines[0].Quantity", ValidationCodes.ZeroQuantity, "The quantity is zero.")]
                : [],
            Attempts = 1,
            FirstFailedAt = at ?? At,
            LastFailedAt = at ?? At,
        };
    }

    [Fact]
    public async Task AddAsync_ThenQuery_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();
        var letter = Letter("1");
        await store.AddAsync(letter, Token);
        store = await ReopenAsync(store);

        var found = Assert.Single(await store.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal(letter.Key, found.Key);
        Assert.Equal(letter.Stream, found.Stream);
        Assert.Equal(letter.Target, found.Target);
        Assert.Equal(letter.Entity, found.Entity);
        Assert.Equal(letter.Version, found.Version);
        Assert.Equal(letter.Operation, found.Operation);
        Assert.Equal(letter.EventId, found.EventId);
        Assert.Equal(letter.PayloadType, found.PayloadType);
        Assert.Equal(letter.Payload, found.Payload);
        Assert.Equal(letter.Reason, found.Reason);
        Assert.Equal(letter.ErrorClass, found.ErrorClass);
        Assert.Equal(letter.Problems, found.Problems);
        Assert.Equal(1, found.Attempts);
        Assert.Equal(At, found.FirstFailedAt);
        Assert.Equal(At, found.LastFailedAt);
    }

    [Fact]
    public async Task AddAsync_SameKeyAgain_MergesIntoOneEntry()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("1"), Token);
        await store.AddAsync(Letter("1", ErrorClass.Transient, at: At.AddHours(1)) with { Attempts = 3 }, Token);

        var found = Assert.Single(await store.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Equal(4, found.Attempts);
        Assert.Equal(At, found.FirstFailedAt);
        Assert.Equal(At.AddHours(1), found.LastFailedAt);
        Assert.Equal(ErrorClass.Transient, found.ErrorClass);
        Assert.Equal("Target answered 503", found.Reason);
        Assert.Equal(1, await store.CountAsync(Token));
    }

    [Fact]
    public async Task QueryAsync_FiltersByEveryCriterion()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("1"), Token);
        await store.AddAsync(Letter("2", ErrorClass.Transient), Token);
        await store.AddAsync(Letter("3", stream: "stripe"), Token);

        Assert.Equal(2, (await store.QueryAsync(new DeadLetterQuery { Stream = "shop" }, Token)).Count);
        Assert.Equal("2",
            Assert.Single(await store.QueryAsync(new DeadLetterQuery { ErrorClass = ErrorClass.Transient }, Token)).Entity.Id);
        Assert.Equal(2, (await store.QueryAsync(new DeadLetterQuery { ReasonContains = "validation" }, Token)).Count);
        Assert.Equal("3", Assert.Single(await store.QueryAsync(
            new DeadLetterQuery { Entity = new SourceIdentity("shop", "invoice", "3") }, Token)).Entity.Id);
        Assert.Equal(3, (await store.QueryAsync(new DeadLetterQuery { EntityType = "invoice" }, Token)).Count);
        Assert.Empty(await store.QueryAsync(new DeadLetterQuery { EntityType = "payment" }, Token));
        Assert.Equal(2, (await store.QueryAsync(new DeadLetterQuery { Limit = 2 }, Token)).Count);
    }

    [Fact]
    public async Task QueryAsync_ReturnsOldestFirstFailureFirst()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("late", at: At.AddMinutes(5)), Token);
        await store.AddAsync(Letter("early", at: At), Token);

        var ids = (await store.QueryAsync(DeadLetterQuery.All, Token)).Select(l => l.Entity.Id).ToList();
        Assert.Equal(["early", "late"], ids);
    }

    [Fact]
    public async Task RemoveAsync_RemovesOnlyTheGivenEntries()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("1"), Token);
        await store.AddAsync(Letter("2"), Token);

        var removed = await store.RemoveAsync([Letter("1").Key, Letter("missing").Key], Token);

        Assert.Equal(1, removed);
        Assert.Equal("2", Assert.Single(await store.QueryAsync(DeadLetterQuery.All, Token)).Entity.Id);
        Assert.Equal(1, await store.CountAsync(Token));
    }

    [Fact]
    public async Task AddAsync_NullPayloadAndEventId_AreKept()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("1") with { Payload = null, PayloadType = null, EventId = null, Problems = [] }, Token);

        var found = Assert.Single(await store.QueryAsync(DeadLetterQuery.All, Token));
        Assert.Null(found.Payload);
        Assert.Null(found.EventId);
        Assert.Empty(found.Problems);
    }
}
