using AccountingSync.Credentials;
using AccountingSync.Storage.Sqlite;

namespace AccountingSync.Http.Tests.Authentication;

/// <summary>The SQLite token store keeps the lease across two connections to one file, as two processes would.</summary>
public sealed class SqliteRefreshLeaseTests : RefreshLeaseContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("accountingsync-lease-").FullName;
    private readonly List<SqliteSyncDatabase> _databases = [];

    protected override ValueTask<(ITokenStore First, ITokenStore Second)> OpenAsync()
    {
        var path = Path.Combine(_folder, "tokens.db");
        _databases.Add(SqliteSyncDatabase.Open(path));
        _databases.Add(SqliteSyncDatabase.Open(path));
        return ValueTask.FromResult<(ITokenStore, ITokenStore)>((_databases[0].Tokens, _databases[1].Tokens));
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
