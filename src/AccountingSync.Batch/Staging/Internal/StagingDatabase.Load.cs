using AccountingSync.Batch.Mapping;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Reading documents to load and recording each chunk's results with the checkpoint.</summary>
internal sealed partial class StagingDatabase
{
    /// <summary>Reads the staged rows of the next documents after a key, in key order.</summary>
    public async ValueTask<List<(string Key, List<StagedRow> Rows)>> ReadGroupsAsync(
        string after, int limit, bool includeLoaded, CancellationToken cancellationToken)
    {
        // Two range reads over the (job, status, group) index: the next keys, then their rows. One statement with
        // an IN subquery was planned as a scan per chunk by the bundled SQLite.
        var statuses = includeLoaded ? $"{(int)RowStatus.Staged}, {(int)RowStatus.Loaded}" : $"{(int)RowStatus.Staged}";
        string? first = null, last = null;
        using (var keys = Command(
            $"""
            SELECT DISTINCT group_key FROM batch_rows
            WHERE job_id = $job AND status IN ({statuses}) AND group_key > $after ORDER BY group_key LIMIT $limit
            """))
        {
            keys.Parameters.AddWithValue("$after", after);
            keys.Parameters.AddWithValue("$limit", limit);
            using var keyReader = await keys.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await keyReader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                first ??= keyReader.GetString(0);
                last = keyReader.GetString(0);
            }
        }

        if (first is null)
        {
            return [];
        }

        using var command = Command(
            $"""
            SELECT group_key, row_number, payload FROM batch_rows
            WHERE job_id = $job AND status IN ({statuses}) AND group_key BETWEEN $first AND $last
            ORDER BY group_key, row_number
            """);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$last", last);
        var groups = new List<(string Key, List<StagedRow> Rows)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = reader.GetString(0);
            if (groups.Count == 0 || !string.Equals(groups[^1].Key, key, StringComparison.Ordinal))
            {
                groups.Add((key, []));
            }

            groups[^1].Rows.Add(new StagedRow(reader.GetInt64(1), reader.GetString(2)));
        }

        return groups;
    }

    /// <summary>Records a chunk the target has committed and moves the load checkpoint past it, in one transaction.</summary>
    public void CompleteChunk(IReadOnlyList<LoadedGroup> groups)
    {
        using var transaction = Begin();
        using var rows = Command(
            "UPDATE batch_rows SET status = $status WHERE job_id = $job AND group_key = $group "
            + $"AND status = {(int)RowStatus.Staged}", transaction);
        var pStatus = rows.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Integer);
        var pGroup = rows.Parameters.Add("$group", Microsoft.Data.Sqlite.SqliteType.Text);
        using var document = Command(
            "INSERT OR REPLACE INTO batch_documents (job_id, group_key, status, target_id, message) "
            + "VALUES ($job, $group, $status, $target, $message)", transaction);
        var dGroup = document.Parameters.Add("$group", Microsoft.Data.Sqlite.SqliteType.Text);
        var dStatus = document.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Integer);
        var dTarget = document.Parameters.Add("$target", Microsoft.Data.Sqlite.SqliteType.Text);
        var dMessage = document.Parameters.Add("$message", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var group in groups)
        {
            var failures = group.Failures;
            if (group.Result is { Succeeded: false } refused)
            {
                failures = group.Rows.Select(r => new RowFailure(
                    r.RowNumber, null, null, "target-refused",
                    $"The target refused document {group.GroupKey} ({refused.Error}): {refused.Message}")).ToList();
            }

            if (failures.Count > 0)
            {
                pStatus.Value = (int)RowStatus.Failed;
                pGroup.Value = group.GroupKey;
                rows.ExecuteNonQuery();
                AddFailures(transaction, failures);
            }

            dGroup.Value = group.GroupKey;
            dStatus.Value = (int)(group.Result?.Status ?? WriteStatus.Failed);
            dTarget.Value = (object?)group.Result?.TargetId ?? DBNull.Value;
            dMessage.Value = (object?)group.Result?.Message ?? DBNull.Value;
            document.ExecuteNonQuery();
        }

        // Every row of the chunk's range still staged belongs to a loaded document: failed ones were marked above.
        using var loaded = Command(
            $"UPDATE batch_rows SET status = {(int)RowStatus.Loaded} WHERE job_id = $job AND status = {(int)RowStatus.Staged} "
            + "AND group_key BETWEEN $first AND $last", transaction);
        loaded.Parameters.AddWithValue("$first", groups[0].GroupKey);
        loaded.Parameters.AddWithValue("$last", groups[^1].GroupKey);
        loaded.ExecuteNonQuery();

        using var checkpoint = Command(
            "UPDATE batch_jobs SET loaded_through = $through, chunks_loaded = chunks_loaded + 1 WHERE job_id = $job",
            transaction);
        checkpoint.Parameters.AddWithValue("$through", groups[^1].GroupKey);
        checkpoint.ExecuteNonQuery();
        transaction.Commit();
    }
}
