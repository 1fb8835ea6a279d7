using AccountingSync.Idempotency;
using AccountingSync.Storage.Sqlite;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Benchmarks.Storage;

/// <summary>
/// Idempotency-store commits against the raw driver doing the same rows in one transaction with prepared
/// statements: the same two statements the store runs per row (outcome and latest version), and a single
/// plain insert per row as a floor. Each operation commits <see cref="BatchSize"/> fresh outcomes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SqliteIdempotencyCommitBenchmarks
{
    private readonly CommitRows _rows = new("s");
    private string _folder = null!;
    private SqliteSyncDatabase _database = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _insert = null!;
    private SqliteCommand _latest = null!;
    private SqliteCommand _plain = null!;

    /// <summary>Gets or sets how many outcomes one commit carries.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("accountingsync-bench-").FullName;
        _database = SqliteSyncDatabase.Open(Path.Combine(_folder, "store.db"));

        // The raw side gets a copy of the store's schema in a file of its own, with the same pragmas.
        SqliteSyncDatabase.Open(Path.Combine(_folder, "raw.db")).Dispose();
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")};Pooling=False");
        _raw.Open();
        using var pragmas = _raw.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " +
            "CREATE TABLE plain (key BLOB PRIMARY KEY, target TEXT, entity_id TEXT, target_id TEXT) WITHOUT ROWID;";
        pragmas.ExecuteNonQuery();
        _insert = Prepare(_raw, """
            INSERT INTO idempotency VALUES ($k, $t, $s, $e, $i, $vk, $vo, $vt, $o, $ti, $at) ON CONFLICT (key) DO NOTHING
            """, "$k", "$t", "$s", "$e", "$i", "$vk", "$vo", "$vt", "$o", "$ti", "$at");
        _latest = Prepare(_raw, """
            INSERT INTO idempotency_latest VALUES ($t, $s, $e, $i, $k, $vk, $vo, $vt)
            ON CONFLICT (target, system, entity_type, entity_id) DO UPDATE SET key = excluded.key,
                version_kind = excluded.version_kind, version_ordinal = excluded.version_ordinal,
                version_tag = excluded.version_tag
            WHERE excluded.version_ordinal > idempotency_latest.version_ordinal
            """, "$t", "$s", "$e", "$i", "$k", "$vk", "$vo", "$vt");
        _plain = Prepare(_raw, "INSERT INTO plain VALUES ($k, $t, $e, $ti)", "$k", "$t", "$e", "$ti");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        _insert.Dispose();
        _latest.Dispose();
        _plain.Dispose();
        _raw.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "store CommitAsync")]
    public ValueTask Store() => _database.Idempotency.CommitAsync(_rows.Next(BatchSize), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "raw: same two statements")]
    public void RawSameStatements()
    {
        var writes = _rows.Next(BatchSize);
        using var transaction = _raw.BeginTransaction(deferred: false);
        _insert.Transaction = _latest.Transaction = transaction;
        var p = _insert.Parameters;
        var l = _latest.Parameters;
        foreach (var w in writes)
        {
            var key = CommitRows.KeyBytes(w.Key);
            p[0].Value = l[4].Value = key;
            p[1].Value = l[0].Value = w.Target;
            p[2].Value = l[1].Value = w.Entity.System;
            p[3].Value = l[2].Value = w.Entity.EntityType;
            p[4].Value = l[3].Value = w.Entity.Id;
            p[5].Value = l[5].Value = (int)w.Version.Kind;
            p[6].Value = l[6].Value = w.Version.Ordinal;
            p[7].Value = l[7].Value = DBNull.Value;
            p[8].Value = (int)w.Operation;
            p[9].Value = w.TargetId;
            p[10].Value = w.CommittedAt.UtcTicks;
            _insert.ExecuteNonQuery();
            _latest.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [Benchmark(Description = "raw: one plain insert per row")]
    public void RawPlainInsert()
    {
        var writes = _rows.Next(BatchSize);
        using var transaction = _raw.BeginTransaction(deferred: false);
        _plain.Transaction = transaction;
        var p = _plain.Parameters;
        foreach (var w in writes)
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (CommitRows.KeyBytes(w.Key), w.Target, w.Entity.Id, w.TargetId);
            _plain.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // Prepared once and reused, as the strongest hand-written loop would.
    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
