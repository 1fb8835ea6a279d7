using AccountingSync.Batch.Mapping;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Staging rows and recording the checkpoint.</summary>
internal sealed partial class SqliteStagingSession
{
    private SqliteParameter[] _stageParameters = [];

    /// <inheritdoc />
    public async ValueTask<JobCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        using var command = Command(
            "SELECT staged_through, staging_complete, loaded_through, chunks_loaded, baseline_published "
            + "FROM batch_jobs WHERE job_id = $job");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new JobCheckpoint(
            reader.GetInt64(0), reader.GetInt64(1) == 1, reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4) == 1);
    }

    /// <summary>Writes a chunk of mapped rows and moves the staging checkpoint past them, in one transaction.</summary>
    /// <remarks>
    /// One prepared statement serves every chunk of the run, and the table has no secondary index yet:
    /// <see cref="CompleteStagingAsync"/> builds them once, by sorting, which costs far less than keeping them
    /// up to date row by row.
    /// </remarks>
    public ValueTask StageChunkAsync(IReadOnlyList<MappedRow> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        using var transaction = Begin();
        var row = StageRowCommand(transaction);
        var (pRow, pGroup, pHash, pPayload, pStatus) =
            (_stageParameters[0], _stageParameters[1], _stageParameters[2], _stageParameters[3], _stageParameters[4]);
        foreach (var mapped in chunk)
        {
            var outcome = mapped.Outcome;
            pRow.Value = mapped.RowNumber;
            pGroup.Value = (object?)outcome.GroupKey ?? DBNull.Value;
            pHash.Value = mapped.ContentHash;
            pPayload.Value = (object?)outcome.Payload ?? DBNull.Value;
            pStatus.Value = (int)mapped.Status;
            row.ExecuteNonQuery();
            AddFailures(transaction, outcome.Failures);
        }

        using var checkpoint = Command("UPDATE batch_jobs SET staged_through = $through WHERE job_id = $job", transaction);
        checkpoint.Parameters.AddWithValue("$through", chunk[^1].RowNumber);
        checkpoint.ExecuteNonQuery();
        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    internal void AddFailures(SqliteTransaction transaction, IReadOnlyList<RowFailure> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        if (_addFailure is null)
        {
            _addFailure = Command(
                "INSERT OR REPLACE INTO batch_failures (job_id, row_number, seq, column_name, value, rule, message, "
                + "disposition) VALUES ($job, $row, (SELECT COUNT(*) FROM batch_failures WHERE job_id = $job AND "
                + "row_number = $row), $column, $value, $rule, $message, $disposition)");
            _addFailure.Parameters.Add("$row", SqliteType.Integer);
            _addFailure.Parameters.Add("$column", SqliteType.Text);
            _addFailure.Parameters.Add("$value", SqliteType.Text);
            _addFailure.Parameters.Add("$rule", SqliteType.Text);
            _addFailure.Parameters.Add("$message", SqliteType.Text);
            _addFailure.Parameters.Add("$disposition", SqliteType.Integer);
        }

        _addFailure.Transaction = transaction;
        var p = _addFailure.Parameters;
        foreach (var failure in failures)
        {
            p["$row"].Value = failure.RowNumber;
            p["$column"].Value = (object?)failure.Column ?? DBNull.Value;
            p["$value"].Value = (object?)failure.Value ?? DBNull.Value;
            p["$rule"].Value = failure.Rule;
            p["$message"].Value = failure.Message;
            p["$disposition"].Value = (int)failure.Disposition;
            _addFailure.ExecuteNonQuery();
        }
    }

    private SqliteCommand StageRowCommand(SqliteTransaction transaction)
    {
        if (_stageRow is null)
        {
            _stageRow = Command(
                "INSERT OR REPLACE INTO batch_rows (job_id, row_number, group_key, content_hash, payload, status) "
                + "VALUES ($job, $row, $group, $hash, $payload, $status)");
            _stageParameters =
            [
                _stageRow.Parameters.Add("$row", SqliteType.Integer),
                _stageRow.Parameters.Add("$group", SqliteType.Text),
                _stageRow.Parameters.Add("$hash", SqliteType.Blob),
                _stageRow.Parameters.Add("$payload", SqliteType.Text),
                _stageRow.Parameters.Add("$status", SqliteType.Integer),
            ];
        }

        _stageRow.Transaction = transaction;
        return _stageRow;
    }
}
