using System.Runtime.CompilerServices;
using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Counting outcomes and listing failures.</summary>
internal sealed partial class SqliteStagingSession
{
    /// <inheritdoc />
    public async ValueTask<StagingCounts> CountAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowStatus, long>();
        using (var command = Command("SELECT status, COUNT(*) FROM batch_rows WHERE job_id = $job GROUP BY status"))
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[(RowStatus)reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var documents = new Dictionary<DocumentState, DocumentCount>();
        using (var command = Command(
            "SELECT status, COUNT(*), SUM(row_count) FROM batch_documents WHERE job_id = $job GROUP BY status"))
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents[(DocumentState)reader.GetInt32(0)] = new DocumentCount(reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        return new StagingCounts(rows, documents);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadDocumentKeysAsync(
        DocumentState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = Command(
            "SELECT group_key FROM batch_documents WHERE job_id = $job AND status = $status ORDER BY group_key");
        command.Parameters.AddWithValue("$status", (int)state);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RowFailure> ReadFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = Command(
            "SELECT row_number, column_name, value, rule, message, disposition FROM batch_failures "
            + "WHERE job_id = $job ORDER BY row_number, seq");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new RowFailure(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), (RowDisposition)reader.GetInt32(5));
        }
    }
}
