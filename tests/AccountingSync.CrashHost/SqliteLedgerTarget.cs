using Microsoft.Data.Sqlite;

namespace AccountingSync.CrashHost;

/// <summary>The ledger in the SQLite file the stores use, on a connection of its own.</summary>
public sealed class SqliteLedgerTarget : LedgerTarget, IDisposable
{
    public const string CreateSql = """
        CREATE TABLE IF NOT EXISTS crash_ledger (
            key TEXT PRIMARY KEY, entity_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL)
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteLedgerTarget(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; " + CreateSql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    protected override async Task<bool[]> InsertAsync(LedgerRow[] rows, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO crash_ledger VALUES ($key, $entity, $name, $version) ON CONFLICT DO NOTHING";
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var entity = insert.Parameters.Add("$entity", SqliteType.Text);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var version = insert.Parameters.Add("$version", SqliteType.Integer);
            var inserted = new bool[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                (key.Value, entity.Value, name.Value, version.Value) = (rows[i].Key, rows[i].EntityId, rows[i].Name, rows[i].Version);
                inserted[i] = insert.ExecuteNonQuery() == 1;
            }

            transaction.Commit();
            return inserted;
        }
        finally
        {
            _gate.Release();
        }
    }
}
