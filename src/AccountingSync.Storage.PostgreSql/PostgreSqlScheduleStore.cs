using AccountingSync.Scheduling;
using AccountingSync.Storage.PostgreSql.Internal;
using NpgsqlTypes;
using static AccountingSync.Storage.PostgreSql.Internal.PgValues;

namespace AccountingSync.Storage.PostgreSql;

/// <summary>
/// An <see cref="IScheduleStore"/> in PostgreSQL, so a scheduled batch job runs on one instance at a time however
/// many machines share the database; get it from <see cref="PostgreSqlSyncDatabase"/>.
/// </summary>
/// <remarks>
/// The lease is one row per schedule, taken by a single conditional upsert: of two instances racing, the server
/// lets exactly one change the row. A run and the occurrence it marks handled are written in one implicit
/// transaction. Times are stored as UTC ticks. This type is thread-safe.
/// </remarks>
public sealed class PostgreSqlScheduleStore : IScheduleStore
{
    private readonly PgTarget _target;
    private readonly string _acquireSql;
    private readonly string _releaseSql;
    private readonly string _lastSql;
    private readonly string _runSql;
    private readonly string _handledSql;
    private readonly string _historySql;

    internal PostgreSqlScheduleStore(PgTarget target)
    {
        _target = target;
        // Takes a free or lapsed lease; a held one is left alone and the upsert changes no row.
        _acquireSql = target.Sql("""
            INSERT INTO {schema}.schedule_leases AS lease (schedule, holder, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (schedule) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE lease.holder IS NULL OR lease.expires_at <= $4
            """);
        _releaseSql = target.Sql(
            "UPDATE {schema}.schedule_leases SET holder = NULL, expires_at = 0 WHERE schedule = $1 AND holder = $2");
        _lastSql = target.Sql("SELECT last_occurrence FROM {schema}.schedule_leases WHERE schedule = $1");
        _runSql = target.Sql("""
            INSERT INTO {schema}.schedule_runs (schedule, occurrence, started_at, ended_at, outcome, message)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (schedule, occurrence) DO UPDATE SET started_at = excluded.started_at,
                ended_at = excluded.ended_at, outcome = excluded.outcome, message = excluded.message
            """);
        _handledSql = target.Sql("""
            INSERT INTO {schema}.schedule_leases AS lease (schedule, last_occurrence) VALUES ($1, $2)
            ON CONFLICT (schedule) DO UPDATE SET last_occurrence = GREATEST(lease.last_occurrence, excluded.last_occurrence)
            """);
        _historySql = target.Sql("""
            SELECT occurrence, started_at, ended_at, outcome, message FROM {schema}.schedule_runs
            WHERE schedule = $1 ORDER BY occurrence
            """);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAcquireAsync(
        string schedule, string holder, DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(holder);
        using var command = _target.Source.CreateCommand(_acquireSql);
        command.Parameters.Bind(schedule);
        command.Parameters.Bind(holder);
        command.Parameters.Bind((now + timeToLive).UtcTicks);
        command.Parameters.Bind(now.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string schedule, string holder, CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_releaseSql);
        command.Parameters.Bind(schedule);
        command.Parameters.Bind(holder);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DateTimeOffset?> GetLastOccurrenceAsync(string schedule, CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_lastSql);
        command.Parameters.Bind(schedule);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long ticks && ticks > 0
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var batch = _target.Source.CreateBatch();
        var record = new Npgsql.NpgsqlBatchCommand(_runSql);
        record.Parameters.Bind(run.Schedule);
        record.Parameters.Bind(run.Occurrence.UtcTicks);
        record.Parameters.Bind(run.StartedAt.UtcTicks);
        record.Parameters.BindNullable(run.EndedAt?.UtcTicks, NpgsqlDbType.Bigint);
        record.Parameters.Bind(run.Outcome);
        record.Parameters.BindNullable(run.Message, NpgsqlDbType.Text);
        batch.BatchCommands.Add(record);
        if (run.Outcome != "running")
        {
            var handled = new Npgsql.NpgsqlBatchCommand(_handledSql);
            handled.Parameters.Bind(run.Schedule);
            handled.Parameters.Bind(run.Occurrence.UtcTicks);
            batch.BatchCommands.Add(handled);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ScheduledRun>> ReadHistoryAsync(string schedule, CancellationToken cancellationToken)
    {
        using var command = _target.Source.CreateCommand(_historySql);
        command.Parameters.Bind(schedule);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var runs = new List<ScheduledRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ScheduledRun(
                schedule, ReadTime(reader, 0), ReadTime(reader, 1), reader.IsDBNull(2) ? null : ReadTime(reader, 2),
                reader.GetString(3), ReadString(reader, 4)));
        }

        return runs;
    }
}
