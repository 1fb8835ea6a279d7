using Npgsql;

namespace AccountingSync.CrashHost;

/// <summary>The ledger in the PostgreSQL schema the stores use.</summary>
public sealed class PostgresLedgerTarget : LedgerTarget
{
    private readonly NpgsqlDataSource _source;
    private readonly string _schema;

    private PostgresLedgerTarget(NpgsqlDataSource source, string schema)
    {
        _source = source;
        _schema = schema;
    }

    public static async Task<PostgresLedgerTarget> CreateAsync(NpgsqlDataSource source, string schema)
    {
        using var create = source.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.crash_ledger (
                key text PRIMARY KEY, entity_id text NOT NULL, name text NOT NULL, version bigint NOT NULL)
            """);
        await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        return new PostgresLedgerTarget(source, schema);
    }

    protected override async Task<bool[]> InsertAsync(LedgerRow[] rows, CancellationToken cancellationToken)
    {
        using var batch = _source.CreateBatch();
        foreach (var row in rows)
        {
            var insert = new NpgsqlBatchCommand(
                $"INSERT INTO {_schema}.crash_ledger VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Key });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.EntityId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Name });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Version });
            batch.BatchCommands.Add(insert);
        }

        // One batch is one implicit transaction: the rows land together or not at all.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return [.. batch.BatchCommands.Select(static (NpgsqlBatchCommand c) => c.RecordsAffected == 1)];
    }
}
