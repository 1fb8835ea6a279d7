using AccountingSync.Conformance.Testing;
using AccountingSync.DeadLetters;
using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using Json.Schema;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>Schema-invalid records of a polled page are dead-lettered with the schema path; the rest goes on.</summary>
public sealed class JsonSchemaRecordMapperTests : IAsyncLifetime
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["InvoiceID", "UpdatedDateUTC", "Total"],
          "properties": {
            "InvoiceID": { "type": "string" },
            "Total": { "type": "number", "minimum": 0 }
          }
        }
        """;

    private readonly FakeLedgerApi _api = new();

    public async ValueTask InitializeAsync() => await _api.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Map_RecordsBreakingTheSchema_AreDeadLetteredWithTheirPathAndTheRestIsWritten()
    {
        for (var i = 0; i < 30; i++)
        {
            _api.Upsert("ok" + i, 5m);
        }

        _api.Upsert("negative", -1m);
        _api.Upsert("missing", total: null);
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        var stores = SyncStores.InMemory();
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, stores);
        var mapper = new JsonSchemaRecordMapper(JsonSchema.FromText(Schema), new JsonInvoiceMapper("Total"));

        var result = await pipeline.RunAsync(
            new HttpPollingSource(http, XeroModifiedSince.Endpoint("Invoices", "InvoiceID")), mapper,
            TestContext.Current.CancellationToken);

        Assert.Equal(30, result.Written);
        Assert.Equal(2, result.DeadLettered);
        var letters = (await stores.DeadLetters.QueryAsync(new DeadLetterQuery(), TestContext.Current.CancellationToken))
            .ToDictionary(l => l.Entity.Id);
        var negative = Assert.Single(letters["negative"].Problems);
        Assert.Equal(("$/Total", "schema.minimum"), (negative.Path, negative.Code));
        Assert.Contains(letters["missing"].Problems, p => p is { Path: "$/Total", Code: "schema.type" }); // sent as null
    }
}
