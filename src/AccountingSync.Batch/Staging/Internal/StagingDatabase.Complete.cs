namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Closing staging: the cross-row duplicate pass and the indexes loading reads through.</summary>
internal sealed partial class StagingDatabase
{
    /// <summary>
    /// Builds the staging table's indexes, marks exact repeats of an earlier row as duplicates (a failed
    /// original still counts: the repeat is the same bad row) and closes staging, in one transaction.
    /// </summary>
    /// <remarks>
    /// The duplicate pass groups the covering hash index once per statement to find the hashes that repeat
    /// (a window over every row, or a lookup per row, cost several times more), then visits only their rows.
    /// The group index is built after the marking, so marking does not churn it.
    /// </remarks>
    public void CompleteStaging()
    {
        const string Repeats =
            """
            WITH repeated AS (
                SELECT content_hash, MIN(row_number) AS first FROM batch_rows INDEXED BY batch_rows_hash
                WHERE job_id = $job GROUP BY content_hash HAVING COUNT(*) > 1)
            SELECT r.row_number, p.first FROM repeated p JOIN batch_rows r INDEXED BY batch_rows_hash
                ON r.job_id = $job AND r.content_hash = p.content_hash AND r.row_number > p.first
            """;
        using var transaction = Begin();
        Execute("CREATE INDEX IF NOT EXISTS batch_rows_hash ON batch_rows (job_id, content_hash, row_number)");
        Execute(
            $"""
            UPDATE batch_rows SET status = {(int)RowStatus.Duplicate} WHERE job_id = $job AND row_number IN
              (SELECT row_number FROM ({Repeats})) AND status <> {(int)RowStatus.Duplicate}
            """);
        Execute(
            $"""
            DELETE FROM batch_failures WHERE job_id = $job AND row_number IN
              (SELECT row_number FROM batch_rows WHERE job_id = $job AND status = {(int)RowStatus.Duplicate})
            """);
        Execute(
            $"""
            INSERT INTO batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition)
            SELECT $job, row_number, 0, NULL, NULL, 'duplicate-row',
                   'The row repeats row ' || first || ' exactly; it is loaded once.', {(int)Mapping.RowDisposition.Duplicate}
            FROM ({Repeats})
            """);
        Execute("CREATE INDEX IF NOT EXISTS batch_rows_group ON batch_rows (job_id, status, group_key, row_number)");
        Execute("UPDATE batch_jobs SET staging_complete = 1 WHERE job_id = $job");
        transaction.Commit();

        void Execute(string sql)
        {
            using var command = Command(sql, transaction);
            command.ExecuteNonQuery();
        }
    }
}
