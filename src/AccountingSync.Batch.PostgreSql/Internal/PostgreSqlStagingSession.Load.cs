using AccountingSync.Batch.Staging;
using Npgsql;
using NpgsqlTypes;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Reading documents by key range, and recording each load chunk with the checkpoint.</summary>
internal sealed partial class PostgreSqlStagingSession
{
    public async ValueTask<StagedGroupPage> ReadGroupsAsync(
        string after, int limit, StagedGroupFilter filter, string? baselineName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        const string step = "read documents to load";
        var connection = await OpenAsync(step, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        try
        {
            // The page's key range first, then, in one round trip, the range's states, baseline and rows: each a
            // range read over an index, so a page costs the same at the end of a large export as at its start.
            string first, last;
            using (var keys = new NpgsqlCommand(_sql.ReadKeyRange, connection))
            {
                keys.Parameters.Add(Job());
                keys.Parameters.Add(Value(after));
                keys.Parameters.Add(Value(limit));
                var range = await keys.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var rangeScope = range.ConfigureAwait(false);
                await range.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (range.IsDBNull(0))
                {
                    return new StagedGroupPage([], null);
                }

                (first, last) = (range.GetString(0), range.GetString(1));
            }

            using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(RangeCommand(_sql.ReadStates, JobId, first, last));
            if (baselineName is not null)
            {
                batch.BatchCommands.Add(RangeCommand(_sql.ReadBaseline, baselineName, first, last));
            }

            batch.BatchCommands.Add(RangeCommand(_sql.ReadRows, JobId, first, last));
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            var states = new Dictionary<string, DocumentState>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = (DocumentState)reader.GetInt16(1);
            }

            var previous = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (baselineName is not null)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    previous[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
                }
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var page = new StagedGroupPageBuilder(filter, states, previous);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3));
            }

            return page.Build(last);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }
    }

    public async ValueTask CompleteLoadChunkAsync(
        IReadOnlyList<LoadedGroup> groups, string? loadedThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var step = groups.Count > 0 ? $"record the load chunk ending at document '{groups[^1].GroupKey}'" : "move the load checkpoint";

        // One batch, so one round trip and one implicit transaction: the results and the mark commit together.
        using var batch = _target.Source.CreateBatch();
        var failed = new List<string>();
        var lines = new FailureColumns();
        foreach (var group in groups)
        {
            var failures = group.RowFailures;
            if (failures.Count > 0)
            {
                failed.Add(group.GroupKey);
                lines.Add(failures);
            }
        }

        if (failed.Count > 0)
        {
            batch.BatchCommands.Add(Command(_sql.FailGroups, Value(failed.ToArray())));
            batch.BatchCommands.Add(lines.ToCommand(_sql.AddFailures, Job()));
        }

        if (groups.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                _sql.RecordDocuments,
                Value(groups.Select(g => g.GroupKey).ToArray()),
                Value(groups.Select(g => (short)g.State).ToArray()),
                Value(groups.Select(g => g.Result?.TargetId).ToArray()),
                Value(groups.Select(g => g.Result?.Message).ToArray()),
                Value(groups.Select(g => g.Rows.Count).ToArray()),
                Value(groups.Select(g => g.Group.Hash).ToArray())));
        }

        batch.BatchCommands.Add(Command(
            _sql.MoveLoaded, Nullable(loadedThrough, NpgsqlDbType.Text), Value(groups.Count > 0 ? 1L : 0L)));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }
    }

    private static NpgsqlBatchCommand RangeCommand(string sql, string key, string first, string last) =>
        new(sql) { Parameters = { Value(key), Value(first), Value(last) } };

    private NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(Job());
        command.Parameters.AddRange(parameters);
        return command;
    }
}
