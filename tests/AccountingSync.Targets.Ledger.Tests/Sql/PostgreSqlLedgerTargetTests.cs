using AccountingSync.Conformance;
using AccountingSync.Connectors;
using AccountingSync.Conformance.Targets;
using AccountingSync.Targets.Ledger.Sql;
using Npgsql;

namespace AccountingSync.Targets.Ledger.Tests.Sql;

/// <summary>
/// The SQL ledger on PostgreSQL, against the server named by <c>ACCOUNTINGSYNC_LEDGER_POSTGRES</c> or else
/// <c>ACCOUNTINGSYNC_POSTGRES</c> (the connection string .ci/services/postgresql.sh exports); each test gets its
/// own schema. Skipped with the reason when neither is set, and failed under CI=true.
/// </summary>
public sealed class PostgreSqlLedgerTargetTests : TargetConformance, IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _sources = [];

    protected override async ValueTask<ITargetConnector> CreateTargetAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ACCOUNTINGSYNC_LEDGER_POSTGRES");
        if (string.IsNullOrEmpty(connectionString))
        {
            connectionString = Environment.GetEnvironmentVariable("ACCOUNTINGSYNC_POSTGRES");
        }

        if (string.IsNullOrEmpty(connectionString))
        {
            const string reason = "Neither ACCOUNTINGSYNC_LEDGER_POSTGRES nor ACCOUNTINGSYNC_POSTGRES names a PostgreSQL server.";
            if (SharedData.IsCi)
            {
                throw new InvalidOperationException(reason + " CI starts one with .ci/services/postgresql.sh.");
            }

            Assert.Skip(reason);
        }

        var schema = "ledger_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(connectionString))
        {
            await using var create = admin.CreateCommand($"CREATE SCHEMA {schema}");
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString());
        _sources.Add(source);
        return SqlLedgerTarget.ForPostgreSql(source);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }
    }
}
