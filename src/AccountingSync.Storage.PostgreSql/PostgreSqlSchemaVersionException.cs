namespace AccountingSync.Storage.PostgreSql;

/// <summary>
/// The schema was written by a newer version of this package (its version is higher than this version
/// understands). It is refused, untouched, rather than corrupted: upgrade every instance to the newer package,
/// or use another schema.
/// </summary>
public sealed class PostgreSqlSchemaVersionException : PostgreSqlStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The server and database, as <c>host:port/database</c>.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="foundVersion">The version found.</param>
    /// <param name="supportedVersion">The newest version this package knows.</param>
    public PostgreSqlSchemaVersionException(string database, string schema, int foundVersion, int supportedVersion)
        : base($"The PostgreSQL schema '{schema}' in '{database}' has version {foundVersion}, but this version of " +
               $"AccountingSync.Storage.PostgreSql supports up to version {supportedVersion}. It was written by a " +
               "newer SDK; upgrade the package or use another schema. Nothing was changed.", database, schema, null)
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Gets the version found.</summary>
    public int FoundVersion { get; }

    /// <summary>Gets the newest version this package knows.</summary>
    public int SupportedVersion { get; }
}
