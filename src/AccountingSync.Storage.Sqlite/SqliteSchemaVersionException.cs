namespace AccountingSync.Storage.Sqlite;

/// <summary>
/// The database file was written by a newer version of this package (its schema version is higher than this
/// version understands). It is refused, untouched, rather than corrupted: upgrade the package, or point
/// <see cref="SqliteStoreOptions.DatabasePath"/> at another file.
/// </summary>
public sealed class SqliteSchemaVersionException : SqliteStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="databasePath">The database file's full path.</param>
    /// <param name="foundVersion">The schema version found in the file.</param>
    /// <param name="supportedVersion">The newest schema version this package knows.</param>
    public SqliteSchemaVersionException(string databasePath, int foundVersion, int supportedVersion)
        : base($"The SQLite database '{databasePath}' has schema version {foundVersion}, but this version of " +
               $"AccountingSync.Storage.Sqlite supports up to version {supportedVersion}. It was written by a newer " +
               "SDK; upgrade the package or use another file. The file was not changed.", databasePath, null)
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Gets the schema version found in the file.</summary>
    public int FoundVersion { get; }

    /// <summary>Gets the newest schema version this package knows.</summary>
    public int SupportedVersion { get; }
}
