using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Storage.PostgreSql.Tests;

/// <summary>The latest-version rule over one batch must give what committing its writes one by one gives.</summary>
public sealed class PostgreSqlIdempotencyOrderTests(PostgresTestSchemas schemas) : IClassFixture<PostgresTestSchemas>
{
    private static readonly SourceIdentity Entity = new("shop", "order", "42");

    public static TheoryData<string> Batches =>
        ["seq5|etag:x,seq3", "etag:a|seq3,seq1", "seq2|seq5,seq4,seq6,seq1", "none|etag:b,etag:a,etag:b"];

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task CommitAsync_BatchAfterAStoredVersion_MatchesTheInMemoryStore(string scenario)
    {
        var token = TestContext.Current.CancellationToken;
        var (stored, batch) = (scenario.Split('|')[0], scenario.Split('|')[1].Split(','));
        var reference = new InMemoryIdempotencyStore();
        var database = await schemas.OpenAsync(schemas.NewSchema());
        foreach (var store in new IIdempotencyStore[] { reference, database.Idempotency })
        {
            await store.CommitAsync([Write(stored)], token);
            await store.CommitAsync([.. batch.Select(Write)], token);
        }

        var expected = await reference.FindLatestAsync("books", Entity, token);
        var actual = await database.Idempotency.FindLatestAsync("books", Entity, token);
        Assert.Equal(expected!.Version, actual!.Version);
        Assert.Equal(expected.Key, actual.Key);
    }

    private static CommittedWrite Write(string version)
    {
        var parsed = version switch
        {
            "none" => SourceVersion.None,
            _ when version.StartsWith("etag:", StringComparison.Ordinal) => SourceVersion.FromETag(version[5..]),
            _ => SourceVersion.FromSequence(long.Parse(version[3..], System.Globalization.CultureInfo.InvariantCulture)),
        };
        return new CommittedWrite(IdempotencyKey.Derive("books", Entity, parsed, ChangeOperation.Upsert), "books", Entity,
            parsed, ChangeOperation.Upsert, "T-" + version, DateTimeOffset.UnixEpoch);
    }
}
