using AccountingSync.Batch.Mapping;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Staging rows and recording the checkpoint.</summary>
internal sealed partial class StagingDatabase
{
    public async ValueTask<JobCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        using var command = Command(
            "SELECT staged_through, staging_complete, loaded_through, chunks_loaded FROM batch_jobs WHERE job_id = $job");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new JobCheckpoint(reader.GetInt64(0), reader.GetInt64(1) == 1, reader.GetString(2), reader.GetInt64(3));
    }

    /// <summary>Writes a chunk of mapped rows and moves the staging checkpoint past them, in one transaction.</summary>
    public void StageChunk(IReadOnlyList<(long Row, byte[] Hash, RowOutcome Outcome)> chunk)
    {
        using var transaction = Begin();
        using var row = Command(
            "INSERT OR REPLACE INTO batch_rows (job_id, row_number, group_key, content_hash, payload, status) "
            + "VALUES ($job, $row, $group, $hash, $payload, $status)", transaction);
        var pRow = row.Parameters.Add("$row", SqliteType.Integer);
        var pGroup = row.Parameters.Add("$group", SqliteType.Text);
        var pHash = row.Parameters.Add("$hash", SqliteType.Blob);
        var pPayload = row.Parameters.Add("$payload", SqliteType.Text);
        var pStatus = row.Parameters.Add("$status", SqliteType.Integer);
        foreach (var (number, hash, outcome) in chunk)
        {
            pRow.Value = number;
            pGroup.Value = (object?)outcome.GroupKey ?? DBNull.Value;
            pHash.Value = hash;
            pPayload.Value = (object?)outcome.Payload ?? DBNull.Value;
            pStatus.Value = (int)(outcome.IsStaged ? RowStatus.Staged
                : outcome.Failures[0].Disposition == RowDisposition.Skipped ? RowStatus.Skipped : RowStatus.Failed);
            row.ExecuteNonQuery();
            AddFailures(transaction, outcome.Failures);
        }

        if (chunk.Count > 0)
        {
            using var checkpoint = Command("UPDATE batch_jobs SET staged_through = $through WHERE job_id = $job", transaction);
            checkpoint.Parameters.AddWithValue("$through", chunk[^1].Row);
            checkpoint.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// Marks exact repeats of an earlier row as duplicates (a failed original still counts: the repeat is the
    /// same bad row) and closes staging, in one transaction; running it again changes nothing. The lookups name
    /// the hash index: left to itself the planner ranged over the primary key, which made this quadratic.
    /// </summary>
    public void CompleteStaging()
    {
        using var transaction = Begin();
        using var mark = Command(
            $"""
            UPDATE batch_rows SET status = {(int)RowStatus.Duplicate}
            WHERE job_id = $job AND row_number IN (
                SELECT d.row_number FROM batch_rows d WHERE d.job_id = $job AND d.status <> {(int)RowStatus.Duplicate}
                AND EXISTS (SELECT 1 FROM batch_rows o INDEXED BY batch_rows_hash WHERE o.job_id = $job AND o.content_hash = d.content_hash
                            AND o.row_number < d.row_number))
            """, transaction);
        mark.ExecuteNonQuery();
        using var clear = Command(
            $"""
            DELETE FROM batch_failures WHERE job_id = $job AND row_number IN
              (SELECT row_number FROM batch_rows WHERE job_id = $job AND status = {(int)RowStatus.Duplicate})
            """, transaction);
        clear.ExecuteNonQuery();
        using var report = Command(
            $"""
            INSERT INTO batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition)
            SELECT d.job_id, d.row_number, 0, NULL, NULL, 'duplicate-row',
                   'The row repeats row ' || (SELECT MIN(o.row_number) FROM batch_rows o INDEXED BY batch_rows_hash
                        WHERE o.job_id = d.job_id AND o.content_hash = d.content_hash) || ' exactly; it is loaded once.',
                   {(int)RowDisposition.Duplicate}
            FROM batch_rows d WHERE d.job_id = $job AND d.status = {(int)RowStatus.Duplicate}
            """, transaction);
        report.ExecuteNonQuery();
        using var done = Command("UPDATE batch_jobs SET staging_complete = 1 WHERE job_id = $job", transaction);
        done.ExecuteNonQuery();
        transaction.Commit();
    }

    internal void AddFailures(SqliteTransaction transaction, IReadOnlyList<RowFailure> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        using var insert = Command(
            "INSERT OR REPLACE INTO batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition) "
            + "VALUES ($job, $row, (SELECT COUNT(*) FROM batch_failures WHERE job_id = $job AND row_number = $row), "
            + "$column, $value, $rule, $message, $disposition)", transaction);
        foreach (var failure in failures)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$job", JobId);
            insert.Parameters.AddWithValue("$row", failure.RowNumber);
            insert.Parameters.AddWithValue("$column", (object?)failure.Column ?? DBNull.Value);
            insert.Parameters.AddWithValue("$value", (object?)failure.Value ?? DBNull.Value);
            insert.Parameters.AddWithValue("$rule", failure.Rule);
            insert.Parameters.AddWithValue("$message", failure.Message);
            insert.Parameters.AddWithValue("$disposition", (int)failure.Disposition);
            insert.ExecuteNonQuery();
        }
    }
}
