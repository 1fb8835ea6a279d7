using AccountingSync.Storage.PostgreSql;
using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;

namespace AccountingSync.Benchmarks.Storage;

/// <summary>
/// PostgreSQL idempotency-store commits against the raw driver inserting the same rows: an
/// <see cref="NpgsqlBatch"/> of per-row statements (the baseline) and binary COPY. Needs ACCOUNTINGSYNC_POSTGRES;
/// without it the suite stops in its setup with that reason.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PostgreSqlIdempotencyCommitBenchmarks
{
    private readonly CommitRows _rows = new("p");
    private readonly string _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource _source = null!;
    private PostgreSqlSyncDatabase _database = null!;

    /// <summary>Gets or sets how many outcomes one commit carries.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ACCOUNTINGSYNC_POSTGRES");
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException(
                "Skipped: ACCOUNTINGSYNC_POSTGRES is not set. Run 'source .ci/services/postgresql.sh' first.");
        }

        _source = NpgsqlDataSource.Create(connectionString);
        _database = await PostgreSqlSyncDatabase.OpenAsync(_source, _schema);
        using var create = _source.CreateCommand($"""
            CREATE TABLE {_schema}.raw_batch (LIKE {_schema}.idempotency INCLUDING ALL);
            CREATE TABLE {_schema}.raw_latest (LIKE {_schema}.idempotency_latest INCLUDING ALL);
            CREATE TABLE {_schema}.raw_copy (LIKE {_schema}.idempotency INCLUDING ALL);
            CREATE TABLE {_schema}.raw_copy2 (LIKE {_schema}.idempotency INCLUDING ALL);
            CREATE TABLE {_schema}.raw_copy2_latest (LIKE {_schema}.idempotency_latest INCLUDING ALL);
            """);
        await create.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        using var drop = _source.CreateCommand($"DROP SCHEMA {_schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
        await _source.DisposeAsync();
    }

    [Benchmark(Description = "store CommitAsync")]
    public ValueTask Store() => _database.Idempotency.CommitAsync(_rows.Next(BatchSize), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "raw: NpgsqlBatch, two statements per row")]
    public async Task RawBatch()
    {
        var writes = _rows.Next(BatchSize);
        using var batch = _source.CreateBatch();
        foreach (var w in writes)
        {
            var key = CommitRows.KeyBytes(w.Key);
            var insert = new NpgsqlBatchCommand(
                $"INSERT INTO {_schema}.raw_batch VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Target });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.System });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.EntityType });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.Id });
            insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)w.Version.Kind });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = w.Version.Ordinal });
            insert.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)w.Operation });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.TargetId! });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = w.CommittedAt.UtcTicks });
            batch.BatchCommands.Add(insert);
            var latest = new NpgsqlBatchCommand($"""
                INSERT INTO {_schema}.raw_latest AS l VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (target, system, entity_type, entity_id) DO UPDATE SET key = excluded.key,
                    version_kind = excluded.version_kind, version_ordinal = excluded.version_ordinal
                WHERE excluded.version_ordinal > l.version_ordinal
                """);
            latest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Target });
            latest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.System });
            latest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.EntityType });
            latest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = w.Entity.Id });
            latest.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key });
            latest.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)w.Version.Kind });
            latest.Parameters.Add(new NpgsqlParameter<long> { TypedValue = w.Version.Ordinal });
            latest.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(latest);
        }

        await batch.ExecuteNonQueryAsync();
    }

    [Benchmark(Description = "raw: binary COPY, outcomes only")]
    public async Task RawCopy()
    {
        var writes = _rows.Next(BatchSize);
        await using var connection = await _source.OpenConnectionAsync();
        await CopyOutcomesAsync(connection, "raw_copy", writes);
    }

    /// <summary>
    /// The same rows into the same two tables as the store, in one transaction, by binary COPY: the fastest way the
    /// driver writes them, though COPY can neither skip a repeated key nor keep the newer version of an entity.
    /// </summary>
    [Benchmark(Description = "raw: binary COPY, both tables, one transaction")]
    public async Task RawCopyBothTables()
    {
        var writes = _rows.Next(BatchSize);
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyOutcomesAsync(connection, "raw_copy2", writes);
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {_schema}.raw_copy2_latest FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var w in writes)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(w.Target, NpgsqlDbType.Text);
                await importer.WriteAsync(w.Entity.System, NpgsqlDbType.Text);
                await importer.WriteAsync(w.Entity.EntityType, NpgsqlDbType.Text);
                await importer.WriteAsync(w.Entity.Id, NpgsqlDbType.Text);
                await importer.WriteAsync(CommitRows.KeyBytes(w.Key), NpgsqlDbType.Bytea);
                await importer.WriteAsync((short)w.Version.Kind, NpgsqlDbType.Smallint);
                await importer.WriteAsync(w.Version.Ordinal, NpgsqlDbType.Bigint);
                await importer.WriteNullAsync();
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task CopyOutcomesAsync(
        NpgsqlConnection connection, string table, IReadOnlyList<AccountingSync.Idempotency.CommittedWrite> writes)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {_schema}.{table} FROM STDIN (FORMAT BINARY)");
        foreach (var w in writes)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(CommitRows.KeyBytes(w.Key), NpgsqlDbType.Bytea);
            await importer.WriteAsync(w.Target, NpgsqlDbType.Text);
            await importer.WriteAsync(w.Entity.System, NpgsqlDbType.Text);
            await importer.WriteAsync(w.Entity.EntityType, NpgsqlDbType.Text);
            await importer.WriteAsync(w.Entity.Id, NpgsqlDbType.Text);
            await importer.WriteAsync((short)w.Version.Kind, NpgsqlDbType.Smallint);
            await importer.WriteAsync(w.Version.Ordinal, NpgsqlDbType.Bigint);
            await importer.WriteNullAsync();
            await importer.WriteAsync((short)w.Operation, NpgsqlDbType.Smallint);
            await importer.WriteAsync(w.TargetId!, NpgsqlDbType.Text);
            await importer.WriteAsync(w.CommittedAt.UtcTicks, NpgsqlDbType.Bigint);
        }

        await importer.CompleteAsync();
    }
}
