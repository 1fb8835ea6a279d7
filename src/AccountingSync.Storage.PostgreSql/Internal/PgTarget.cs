using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>Where the stores live: the data source, the schema, and a password-free name for messages.</summary>
internal sealed class PgTarget
{
    public PgTarget(NpgsqlDataSource source, string schema)
    {
        Source = source;
        Schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        Database = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    public NpgsqlDataSource Source { get; }

    public string Schema { get; }

    public string Database { get; }

    /// <summary>Qualifies the statement's <c>{schema}</c> placeholders; done once per statement per database.</summary>
    public string Sql(string text) => text.Replace("{schema}", Schema, StringComparison.Ordinal);
}
