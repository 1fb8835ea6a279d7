using System.Runtime.CompilerServices;
using AccountingSync.Batch.Mapping;

namespace AccountingSync.Batch.Staging.Internal;

/// <summary>Counting outcomes and listing failures.</summary>
internal sealed partial class StagingDatabase
{
    public async ValueTask<Dictionary<RowStatus, long>> CountRowsAsync(CancellationToken cancellationToken)
    {
        using var command = Command("SELECT status, COUNT(*) FROM batch_rows WHERE job_id = $job GROUP BY status");
        var counts = Enum.GetValues<RowStatus>().ToDictionary(s => s, _ => 0L);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[(RowStatus)reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Counts the job's documents, and the rows they hold, by what became of them.</summary>
    public async ValueTask<Dictionary<DocumentState, (long Documents, long Rows)>> CountDocumentsAsync(
        CancellationToken cancellationToken)
    {
        using var command = Command(
            "SELECT status, COUNT(*), SUM(row_count) FROM batch_documents WHERE job_id = $job GROUP BY status");
        var counts = new Dictionary<DocumentState, (long, long)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[(DocumentState)reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return counts;
    }

    /// <summary>Lists the keys of the documents recorded in one state, in key order.</summary>
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
