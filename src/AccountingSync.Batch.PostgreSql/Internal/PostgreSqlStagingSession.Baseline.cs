using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Content-hash change detection: each job name's last loaded documents and their hashes.</summary>
internal sealed partial class PostgreSqlStagingSession
{
    public async ValueTask PublishBaselineAsync(string jobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        using var batch = _target.Source.CreateBatch();
        foreach (var sql in _sql.PublishBaseline)
        {
            batch.BatchCommands.Add(Command(sql, Value(jobName)));
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure($"publish the baseline of job name '{jobName}'", JobId, ex);
        }
    }
}
