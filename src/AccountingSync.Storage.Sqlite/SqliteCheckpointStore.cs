using AccountingSync.Checkpoints;
using AccountingSync.Storage.Sqlite.Internal;
using static AccountingSync.Storage.Sqlite.Internal.SqliteValues;

namespace AccountingSync.Storage.Sqlite;

/// <summary>An <see cref="ICheckpointStore"/> in a SQLite file; get it from <see cref="SqliteSyncDatabase"/>.</summary>
/// <remarks>
/// A save succeeds only when the stored revision is the one the caller read (a compare-and-set in one
/// statement), so two writers of one stream cannot both advance it. This type is thread-safe.
/// </remarks>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private const string GetSql = "SELECT cursor, revision, updated_at FROM checkpoints WHERE stream = $stream";
    private const string CreateSql = """
        INSERT INTO checkpoints (stream, cursor, revision, updated_at) VALUES ($stream, $cursor, 1, $at)
        ON CONFLICT (stream) DO NOTHING
        """;
    private const string AdvanceSql = """
        UPDATE checkpoints SET cursor = $cursor, revision = revision + 1, updated_at = $at
        WHERE stream = $stream AND revision = $expected
        """;

    private readonly SqliteConnectionPool _pool;

    internal SqliteCheckpointStore(SqliteConnectionPool pool) => _pool = pool;

    /// <inheritdoc />
    public ValueTask<Checkpoint?> GetAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pool.Read(stream, static (handle, stream) =>
        {
            var command = handle.Command(GetSql, null, "$stream");
            command.Parameters[0].Value = stream;
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new Checkpoint(stream, ReadString(reader, 0), reader.GetInt64(1), ReadTime(reader, 2))
                : null;
        }));
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> TrySaveAsync(
        string stream, string? cursor, long expectedRevision, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        return _pool.WriteAsync((stream, cursor, expectedRevision, savedAt), static (handle, state) =>
        {
            var create = state.expectedRevision == 0;
            var command = create
                ? handle.Command(CreateSql, null, "$stream", "$cursor", "$at")
                : handle.Command(AdvanceSql, null, "$stream", "$cursor", "$at", "$expected");
            command.Parameters[0].Value = state.stream;
            command.Parameters[1].Value = Nullable(state.cursor);
            command.Parameters[2].Value = state.savedAt.UtcTicks;
            if (!create)
            {
                command.Parameters[3].Value = state.expectedRevision;
            }

            return command.ExecuteNonQuery() == 1
                ? new Checkpoint(state.stream, state.cursor, state.expectedRevision + 1, state.savedAt)
                : null;
        }, cancellationToken);
    }
}
