using AccountingSync.Conformance;
using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Tests;

/// <summary>
/// One data source per test class, and a fresh schema for every staging store it opens; the schemas are
/// dropped when the class ends, so classes running in parallel never see each other's rows.
/// </summary>
public sealed class StagingSchemas : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() =>
        new NpgsqlDataSourceBuilder(PostgresTestServer.Require()) { ConnectionStringBuilder = { MaxPoolSize = 20 } }.Build());

    private readonly List<string> _schemas = [];

    /// <summary>Gets the data source; skips the test when there is no server (fails it under CI).</summary>
    public NpgsqlDataSource Source
    {
        get
        {
            PostgresTestServer.Require();
            return _source.Value;
        }
    }

    public string NewSchema()
    {
        var schema = "b_" + Guid.NewGuid().ToString("N")[..16];
        lock (_schemas)
        {
            _schemas.Add(schema);
        }

        return schema;
    }

    public Task<PostgreSqlBatchStagingStore> OpenAsync(string schema) =>
        PostgreSqlBatchStagingStore.OpenAsync(Source, schema, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_source.IsValueCreated)
        {
            return;
        }

        foreach (var schema in _schemas)
        {
            using var drop = _source.Value.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        await _source.Value.DisposeAsync();
    }
}
