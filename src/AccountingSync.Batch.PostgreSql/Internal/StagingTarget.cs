using AccountingSync.Storage.PostgreSql;
using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Where the staging lives: the data source, the schema, and a password-free name for messages.</summary>
internal sealed class StagingTarget
{
    public StagingTarget(NpgsqlDataSource source, string schema)
    {
        Source = source;
        Schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        Database = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    public NpgsqlDataSource Source { get; }

    public string Schema { get; }

    public string Database { get; }

    /// <summary>Qualifies the statement's <c>{schema}</c> placeholders; done once per statement per store.</summary>
    public string Sql(string text) => text.Replace("{schema}", Schema, StringComparison.Ordinal);

    /// <summary>The typed error for a failed step of a job, naming the job, schema and server but no data.</summary>
    public PostgreSqlStoreException Failure(string step, string jobId, Exception cause) => new(
        $"The PostgreSQL batch staging could not {step} for job '{jobId}' in schema '{Schema}' of '{Database}': "
        + $"{cause.Message} Nothing of this step was kept; run the job again to resume it.",
        Database, Schema, cause);
}
