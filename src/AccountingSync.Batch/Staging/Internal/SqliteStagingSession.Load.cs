namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Reading documents to load and recording each chunk's results with the checkpoint.</summary>
internal sealed partial class SqliteStagingSession
{
    /// <inheritdoc />
    public async ValueTask<StagedGroupPage> ReadGroupsAsync(
        string after, int limit, StagedGroupFilter filter, string? baselineName, CancellationToken cancellationToken)
    {
        // Two range reads over the (job, status, group, row) index: the next keys, then their rows. One statement
        // with an IN subquery was planned as a scan per chunk by the bundled SQLite.
        string? first = null, last = null;
        using (var keys = Command(
            $"""
            SELECT DISTINCT group_key FROM batch_rows
            WHERE job_id = $job AND status = {(int)RowStatus.Staged} AND group_key > $after ORDER BY group_key LIMIT $limit
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

        if (first is null || last is null)
        {
            return new StagedGroupPage([], null);
        }

        var states = await ReadStatesAsync(
            "SELECT group_key, status FROM batch_documents WHERE job_id = $job AND group_key BETWEEN $first AND $last",
            first, last, r => (DocumentState)r.GetInt32(1), cancellationToken).ConfigureAwait(false);
        var previous = baselineName is null ? [] : await ReadStatesAsync(
            "SELECT group_key, content_hash FROM batch_baselines WHERE job_name = $name AND group_key BETWEEN $first AND $last",
            first, last, r => (byte[])r.GetValue(1), cancellationToken, baselineName).ConfigureAwait(false);

        using var command = Command(
            $"""
            SELECT group_key, row_number, payload, content_hash FROM batch_rows
            WHERE job_id = $job AND status = {(int)RowStatus.Staged} AND group_key BETWEEN $first AND $last
            ORDER BY group_key, row_number
            """);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$last", last);
        var page = new StagedGroupPageBuilder(filter, states, previous);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), (byte[])reader.GetValue(3));
        }

        return page.Build(last);
    }

    /// <inheritdoc />
    public ValueTask CompleteLoadChunkAsync(
        IReadOnlyList<LoadedGroup> groups, string? loadedThrough, CancellationToken cancellationToken)
    {
        using var transaction = Begin();
        using var rows = Command(
            $"UPDATE batch_rows SET status = {(int)RowStatus.Failed} WHERE job_id = $job AND group_key = $group "
            + $"AND status = {(int)RowStatus.Staged}", transaction);
        var pGroup = rows.Parameters.Add("$group", Microsoft.Data.Sqlite.SqliteType.Text);
        using var document = Command(
            "INSERT OR REPLACE INTO batch_documents (job_id, group_key, status, target_id, message, row_count, "
            + "content_hash) VALUES ($job, $group, $status, $target, $message, $rows, $hash)", transaction);
        var dGroup = document.Parameters.Add("$group", Microsoft.Data.Sqlite.SqliteType.Text);
        var dStatus = document.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Integer);
        var dTarget = document.Parameters.Add("$target", Microsoft.Data.Sqlite.SqliteType.Text);
        var dMessage = document.Parameters.Add("$message", Microsoft.Data.Sqlite.SqliteType.Text);
        var dRows = document.Parameters.Add("$rows", Microsoft.Data.Sqlite.SqliteType.Integer);
        var dHash = document.Parameters.Add("$hash", Microsoft.Data.Sqlite.SqliteType.Blob);
        foreach (var group in groups)
        {
            var failures = group.RowFailures;
            if (failures.Count > 0)
            {
                // Rows of a document that was not loaded leave the staged set, so they count as failed.
                pGroup.Value = group.GroupKey;
                rows.ExecuteNonQuery();
                AddFailures(transaction, failures);
            }

            dGroup.Value = group.GroupKey;
            dStatus.Value = (int)group.State;
            dTarget.Value = (object?)group.Result?.TargetId ?? DBNull.Value;
            dMessage.Value = (object?)group.Result?.Message ?? DBNull.Value;
            dRows.Value = group.Rows.Count;
            dHash.Value = group.Group.Hash;
            document.ExecuteNonQuery();
        }

        using var checkpoint = Command(
            "UPDATE batch_jobs SET loaded_through = COALESCE($through, loaded_through), "
            + "chunks_loaded = chunks_loaded + $chunks WHERE job_id = $job", transaction);
        checkpoint.Parameters.AddWithValue("$through", (object?)loadedThrough ?? DBNull.Value);
        checkpoint.Parameters.AddWithValue("$chunks", groups.Count > 0 ? 1 : 0);
        checkpoint.ExecuteNonQuery();
        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<Dictionary<string, T>> ReadStatesAsync<T>(
        string sql, string first, string last, Func<Microsoft.Data.Sqlite.SqliteDataReader, T> read,
        CancellationToken cancellationToken, string? name = null)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$last", last);
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found[reader.GetString(0)] = read(reader);
        }

        return found;
    }
}
