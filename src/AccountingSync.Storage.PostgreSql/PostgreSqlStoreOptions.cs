namespace AccountingSync.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL stores: which server and database, and which schema the tables live in.</summary>
/// <remarks>
/// Validated when the database opens, and at host start when registered with
/// <c>UsePostgreSql</c> (<see cref="DependencyInjection.UsePostgreSqlExtensions"/>).
/// Use the SQLite package instead for a single instance with no server to run.
/// </remarks>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The schema used when <see cref="Schema"/> is not set.</summary>
    public const string DefaultSchema = "accountingsync";

    /// <summary>Gets or sets the Npgsql connection string.</summary>
    /// <value>No default; required.</value>
    /// <remarks>
    /// Statements are auto-prepared: unless the string sets <c>Max Auto Prepare</c>, it is set to 32.
    /// </remarks>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the schema the tables are created in; created when missing.</summary>
    /// <value>Defaults to <c>accountingsync</c>.</value>
    /// <remarks>
    /// Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.
    /// Separate schemas keep separate states in one database (one per environment or per tenant).
    /// </remarks>
    public string Schema { get; set; } = DefaultSchema;
}
