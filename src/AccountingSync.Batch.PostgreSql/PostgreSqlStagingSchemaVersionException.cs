using AccountingSync.Storage.PostgreSql;

namespace AccountingSync.Batch.PostgreSql;

/// <summary>
/// The staging tables were written by a newer version of this package (their version is higher than this
/// version understands). They are refused, untouched, rather than corrupted: upgrade every instance to the newer
/// package, or use another schema.
/// </summary>
public sealed class PostgreSqlStagingSchemaVersionException : PostgreSqlStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The server and database, as <c>host:port/database</c>.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="foundVersion">The version found.</param>
    /// <param name="supportedVersion">The newest version this package knows.</param>
    public PostgreSqlStagingSchemaVersionException(string database, string schema, int foundVersion, int supportedVersion)
        : base($"The batch staging tables in PostgreSQL schema '{schema}' of '{database}' have version {foundVersion}, but "
               + $"this version of AccountingSync.Batch.PostgreSql supports up to version {supportedVersion}. They were "
               + "written by a newer SDK; upgrade the package or use another schema. Nothing was changed.",
            database, schema, null)
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Gets the version found.</summary>
    public int FoundVersion { get; }

    /// <summary>Gets the newest version this package knows.</summary>
    public int SupportedVersion { get; }
}
