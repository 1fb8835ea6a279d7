namespace AccountingSync.Storage.Sqlite;

/// <summary>
/// The SQLite database file cannot be used: it is corrupt, not a database, locked by another process beyond
/// the busy timeout, or unreadable. The message names the file and what to check.
/// </summary>
public class SqliteStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SqliteStoreException()
        : this("The SQLite store failed.", string.Empty, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SqliteStoreException(string message)
        : this(message, string.Empty, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteStoreException(string message, Exception? innerException)
        : this(message, string.Empty, innerException)
    {
    }

    /// <summary>Creates the exception for a file.</summary>
    /// <param name="message">The message, which names the file.</param>
    /// <param name="databasePath">The database file's full path.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteStoreException(string message, string databasePath, Exception? innerException)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets the SQLite result code, when SQLite reported one.</summary>
    public int? SqliteErrorCode => (InnerException as Microsoft.Data.Sqlite.SqliteException)?.SqliteErrorCode;
}
