namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Closing staging: the cross-row duplicate pass and the index loading reads through.</summary>
internal sealed partial class SqliteStagingSession
{
    /// <summary>
    /// Marks exact repeats of an earlier row as duplicates (a failed original still counts: the repeat is the
    /// same bad row), builds the index loading reads through and closes staging, in one transaction.
    /// </summary>
    /// <remarks>
    /// The duplicate pass sorts the job's hashes once to find those that repeat, keeping them (usually few) in
    /// a temporary table, then visits the rows once to find the repeats. A persistent hash index cost as much
    /// to build as that sort and was not read again. The group index is built after the marking, so marking
    /// does not churn it.
    /// </remarks>
    public ValueTask CompleteStagingAsync(CancellationToken cancellationToken)
    {
        using var transaction = Begin();
        Execute("CREATE TEMP TABLE IF NOT EXISTS batch_repeated (content_hash BLOB PRIMARY KEY, first INTEGER NOT NULL)");
        Execute("CREATE TEMP TABLE IF NOT EXISTS batch_repeats (row_number INTEGER PRIMARY KEY, first INTEGER NOT NULL)");
        Execute("DELETE FROM temp.batch_repeated; DELETE FROM temp.batch_repeats");
        var repeated = Execute(
            """
            INSERT INTO temp.batch_repeated (content_hash, first)
            SELECT content_hash, MIN(row_number) FROM batch_rows WHERE job_id = $job
            GROUP BY content_hash HAVING COUNT(*) > 1
            """);
        if (repeated > 0)
        {
            Execute(
                """
                INSERT INTO temp.batch_repeats (row_number, first)
                SELECT r.row_number, h.first FROM batch_rows r JOIN temp.batch_repeated h ON h.content_hash = r.content_hash
                WHERE r.job_id = $job AND r.row_number > h.first
                """);
            Execute(
                $"""
                UPDATE batch_rows SET status = {(int)RowStatus.Duplicate}
                WHERE job_id = $job AND row_number IN (SELECT row_number FROM temp.batch_repeats)
                """);
            Execute(
                """
                DELETE FROM batch_failures
                WHERE job_id = $job AND row_number IN (SELECT row_number FROM temp.batch_repeats)
                """);
            Execute(
                $"""
                INSERT INTO batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition)
                SELECT $job, row_number, 0, NULL, NULL, 'duplicate-row',
                       'The row repeats row ' || first || ' exactly; it is loaded once.',
                       {(int)Mapping.RowDisposition.Duplicate}
                FROM temp.batch_repeats
                """);
            Execute("DELETE FROM temp.batch_repeated; DELETE FROM temp.batch_repeats");
        }

        Execute("CREATE INDEX IF NOT EXISTS batch_rows_group ON batch_rows (job_id, status, group_key, row_number)");
        Execute("UPDATE batch_jobs SET staging_complete = 1 WHERE job_id = $job");
        transaction.Commit();
        return ValueTask.CompletedTask;

        int Execute(string sql)
        {
            using var command = Command(sql, transaction);
            return command.ExecuteNonQuery();
        }
    }
}
