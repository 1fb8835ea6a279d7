using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Staging;
using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Counting outcomes and listing failures and documents.</summary>
internal sealed partial class PostgreSqlStagingSession
{
    public async ValueTask<StagingCounts> CountAsync(CancellationToken cancellationToken)
    {
        using var batch = _target.Source.CreateBatch();
        batch.BatchCommands.Add(Command(_sql.CountRows));
        batch.BatchCommands.Add(Command(_sql.CountDocuments));
        try
        {
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            var rows = new Dictionary<RowStatus, long>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[(RowStatus)reader.GetInt16(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var documents = new Dictionary<DocumentState, DocumentCount>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents[(DocumentState)reader.GetInt16(0)] = new DocumentCount(reader.GetInt64(1), reader.GetInt64(2));
            }

            return new StagingCounts(rows, documents);
        }
        catch (NpgsqlException ex)
        {
            throw _target.Failure("count the job's rows and documents", JobId, ex);
        }
    }

    public IAsyncEnumerable<string> ReadDocumentKeysAsync(DocumentState state, CancellationToken cancellationToken) =>
        StreamAsync(
            _sql.ReadDocumentKeys, $"list the documents in state {state}", p => p.Add(Value((short)state)),
            static r => r.GetString(0), cancellationToken);

    public IAsyncEnumerable<RowFailure> ReadFailuresAsync(CancellationToken cancellationToken) =>
        StreamAsync(
            _sql.ReadFailures, "list the failures", static _ => { },
            static r => new RowFailure(
                r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3), r.GetString(4), (RowDisposition)r.GetInt16(5)),
            cancellationToken);
}
