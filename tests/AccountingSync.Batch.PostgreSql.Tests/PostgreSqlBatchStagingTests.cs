namespace AccountingSync.Batch.PostgreSql.Tests;

/// <summary>
/// The batch staging contract on PostgreSQL. Each named staging database of a test is a store on its own
/// schema, so the job ids the tests share never meet.
/// </summary>
public sealed class PostgreSqlBatchStagingTests(StagingSchemas schemas) : BatchStagingConformance, IClassFixture<StagingSchemas>
{
    private readonly Dictionary<string, PostgreSqlBatchStagingStore> _stores = new(StringComparer.Ordinal);

    protected override async ValueTask<BatchJobOptions> WithStagingAsync(BatchJobOptions options, string database)
    {
        if (!_stores.TryGetValue(database, out var store))
        {
            store = await schemas.OpenAsync(schemas.NewSchema());
            _stores.Add(database, store);
        }

        return options with { StagingStore = store };
    }
}
