using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Opens connections to one file with the settings every connection needs.</summary>
internal sealed class SqliteOpener
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteOpener(string path, SqliteStoreOptions options)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The pool below keeps connections itself; the driver's own pool would keep the file open after Dispose.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        var busy = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // Grouped commits without a sync, like Normal; the pool's group sync makes them durable.
        var synchronous = options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        _pragmas = $"PRAGMA busy_timeout = {busy}; PRAGMA synchronous = {synchronous};";
    }

    public SqliteHandle Open(bool readOnly)
    {
        var connection = new SqliteConnection(_connectionString);
        var handle = new SqliteHandle(connection);
        try
        {
            connection.Open();
            handle.Execute(_pragmas);
            if (readOnly)
            {
                handle.Execute("PRAGMA query_only = 1;");
            }
            else
            {
                // WAL is a property of the file; setting it on the writer is enough and keeps readers off its lock.
                handle.Execute("PRAGMA journal_mode = WAL;");
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
