namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Content-hash change detection: each job name's last loaded documents and their hashes.</summary>
internal sealed partial class SqliteStagingSession
{
    /// <summary>
    /// Records as removed every document the job name's previous run loaded that this job staged no row of,
    /// then makes this job's loaded and unchanged documents the name's baseline, in one transaction; a job
    /// publishes once, so running it again (or an older job id) never rolls the baseline back.
    /// </summary>
    /// <remarks>
    /// A document that failed in this job is left out of the new baseline, so the next run sends it again.
    /// </remarks>
    public ValueTask PublishBaselineAsync(string jobName, CancellationToken cancellationToken)
    {
        using var transaction = Begin();
        Execute(
            $"""
            INSERT INTO batch_documents (job_id, group_key, status, row_count, content_hash)
            SELECT $job, b.group_key, {(int)DocumentState.Removed}, 0, b.content_hash FROM batch_baselines b
            WHERE b.job_name = $name AND NOT EXISTS
              (SELECT 1 FROM batch_documents d WHERE d.job_id = $job AND d.group_key = b.group_key)
            """);
        Execute("DELETE FROM batch_baselines WHERE job_name = $name");
        Execute(
            $"""
            INSERT INTO batch_baselines (job_name, group_key, content_hash, job_id)
            SELECT $name, group_key, content_hash, $job FROM batch_documents WHERE job_id = $job AND status IN
              ({(int)DocumentState.Written}, {(int)DocumentState.AlreadyApplied}, {(int)DocumentState.Unchanged})
            """);
        Execute("UPDATE batch_jobs SET baseline_published = 1 WHERE job_id = $job");
        transaction.Commit();
        return ValueTask.CompletedTask;

        void Execute(string sql)
        {
            using var command = Command(sql, transaction);
            command.Parameters.AddWithValue("$name", jobName);
            command.ExecuteNonQuery();
        }
    }
}
