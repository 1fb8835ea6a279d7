using AccountingSync.Batch.Staging;
using Npgsql;
using NpgsqlTypes;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Staging chunks of rows by binary COPY, and closing staging with the duplicate pass.</summary>
internal sealed partial class PostgreSqlStagingSession
{
    public async ValueTask StageChunkAsync(IReadOnlyList<MappedRow> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var step = $"stage rows {chunk[0].RowNumber} to {chunk[^1].RowNumber}";
        var connection = await OpenAsync(step, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            var failures = await CopyRowsAsync(connection, chunk, cancellationToken).ConfigureAwait(false);
            if (failures > 0)
            {
                await CopyFailuresAsync(connection, chunk, cancellationToken).ConfigureAwait(false);
            }

            using var checkpoint = new NpgsqlCommand(_sql.MoveStaged, connection, transaction);
            checkpoint.Parameters.Add(Job());
            checkpoint.Parameters.Add(Value(chunk[^1].RowNumber));
            await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }
    }

    public async ValueTask CompleteStagingAsync(CancellationToken cancellationToken)
    {
        const string step = "close staging (the duplicate pass)";
        var connection = await OpenAsync(step, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            foreach (var sql in _sql.CompleteStaging)
            {
                using var command = new NpgsqlCommand(sql, connection, transaction);
                if (sql.Contains("$1", StringComparison.Ordinal))
                {
                    command.Parameters.Add(Job());
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var analyze = new NpgsqlCommand(_sql.Analyze, connection, transaction))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure(step, JobId, ex);
        }
    }

    /// <summary>Copies the chunk's rows; returns how many failure lines they carry.</summary>
    private async ValueTask<int> CopyRowsAsync(
        NpgsqlConnection connection, IReadOnlyList<MappedRow> chunk, CancellationToken cancellationToken)
    {
        var failures = 0;
        var writer = await connection.BeginBinaryImportAsync(_sql.CopyRows, cancellationToken).ConfigureAwait(false);
        await using var writerScope = writer.ConfigureAwait(false);
        foreach (var row in chunk)
        {
            var outcome = row.Outcome;
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(JobId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(row.RowNumber, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await WriteAsync(writer, outcome.GroupKey, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(row.ContentHash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await WriteAsync(writer, outcome.Payload, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync((short)row.Status, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            failures += outcome.Failures.Count;
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return failures;
    }

    /// <summary>Copies the failure lines of the chunk's rows, numbered per row from 0 in the outcome's order.</summary>
    private async ValueTask CopyFailuresAsync(
        NpgsqlConnection connection, IReadOnlyList<MappedRow> chunk, CancellationToken cancellationToken)
    {
        var writer = await connection.BeginBinaryImportAsync(_sql.CopyFailures, cancellationToken).ConfigureAwait(false);
        await using var writerScope = writer.ConfigureAwait(false);
        foreach (var row in chunk)
        {
            var failures = row.Outcome.Failures;
            for (var seq = 0; seq < failures.Count; seq++)
            {
                var failure = failures[seq];
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(JobId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(failure.RowNumber, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, failure.Column, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, failure.Value, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(failure.Rule, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(failure.Message, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync((short)failure.Disposition, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null
            ? writer.WriteNullAsync(cancellationToken)
            : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
