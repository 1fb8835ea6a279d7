namespace AccountingSync.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL stores cannot use their database: the server cannot be reached, or the schema cannot be
/// created or read. The message names the server, database and schema (never the password).
/// </summary>
public class PostgreSqlStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgreSqlStoreException()
        : this("The PostgreSQL store failed.", string.Empty, string.Empty, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PostgreSqlStoreException(string message)
        : this(message, string.Empty, string.Empty, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PostgreSqlStoreException(string message, Exception? innerException)
        : this(message, string.Empty, string.Empty, innerException)
    {
    }

    /// <summary>Creates the exception for a database and schema.</summary>
    /// <param name="message">The message, which names them.</param>
    /// <param name="database">The server and database, as <c>host:port/database</c>.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="innerException">The cause.</param>
    public PostgreSqlStoreException(string message, string database, string schema, Exception? innerException)
        : base(message, innerException)
    {
        Database = database;
        Schema = schema;
    }

    /// <summary>Gets the server and database, as <c>host:port/database</c>.</summary>
    public string Database { get; }

    /// <summary>Gets the schema.</summary>
    public string Schema { get; }
}
