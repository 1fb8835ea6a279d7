using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Staging;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Every statement of the staging store, qualified with its schema once when the store opens.</summary>
/// <remarks>The job id is always <c>$1</c>. Status and state values are the enums' stored integers.</remarks>
internal sealed class StagingSql(StagingTarget target)
{
    public string OpenJob { get; } = target.Sql(
        "INSERT INTO {schema}.batch_jobs (job_id, source) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING");

    public string ReadCheckpoint { get; } = target.Sql(
        "SELECT staged_through, staging_complete, loaded_through, chunks_loaded, baseline_published "
        + "FROM {schema}.batch_jobs WHERE job_id = $1");

    public string CopyRows { get; } = target.Sql(
        "COPY {schema}.batch_rows (job_id, row_number, group_key, content_hash, payload, status) FROM STDIN (FORMAT BINARY)");

    public string CopyFailures { get; } = target.Sql(
        "COPY {schema}.batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition) "
        + "FROM STDIN (FORMAT BINARY)");

    public string MoveStaged { get; } = target.Sql("UPDATE {schema}.batch_jobs SET staged_through = $2 WHERE job_id = $1");

    /// <summary>The duplicate pass, in order, in one transaction: the repeats, then their marking and report lines.</summary>
    /// <remarks>
    /// The repeats are found in one pass over the job's rows, sorted by hash, with no join: the table holds many
    /// jobs and its statistics lag behind the one just staged, and a join planned from them (a nested loop over
    /// the job's rows per repeated hash) turned 100,000 rows into minutes.
    /// </remarks>
    public IReadOnlyList<string> CompleteStaging { get; } =
    [
        "CREATE TEMP TABLE batch_repeats (row_number bigint PRIMARY KEY, first bigint NOT NULL) ON COMMIT DROP",
        target.Sql("""
            INSERT INTO pg_temp.batch_repeats (row_number, first)
            SELECT row_number, first FROM (
                SELECT row_number, MIN(row_number) OVER (PARTITION BY content_hash) AS first
                FROM {schema}.batch_rows WHERE job_id = $1) w
            WHERE row_number > first
            """),
        target.Sql($$"""
            UPDATE {schema}.batch_rows r SET status = {{(int)RowStatus.Duplicate}} FROM pg_temp.batch_repeats p
            WHERE r.job_id = $1 AND r.row_number = p.row_number
            """),
        target.Sql("""
            DELETE FROM {schema}.batch_failures f USING pg_temp.batch_repeats p
            WHERE f.job_id = $1 AND f.row_number = p.row_number
            """),
        target.Sql($$"""
            INSERT INTO {schema}.batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition)
            SELECT $1, row_number, 0, NULL, NULL, 'duplicate-row',
                   'The row repeats row ' || first || ' exactly; it is loaded once.', {{(int)RowDisposition.Duplicate}}
            FROM pg_temp.batch_repeats
            """),
        target.Sql("UPDATE {schema}.batch_jobs SET staging_complete = true WHERE job_id = $1"),
    ];

    /// <summary>Fresh statistics after a bulk load, so the page reads plan as index range scans.</summary>
    public string Analyze { get; } = target.Sql("ANALYZE {schema}.batch_rows");

    public string ReadKeyRange { get; } = target.Sql($$"""
        SELECT MIN(group_key), MAX(group_key) FROM (
            SELECT DISTINCT group_key FROM {schema}.batch_rows
            WHERE job_id = $1 AND status = {{(int)RowStatus.Staged}} AND group_key > $2 ORDER BY group_key LIMIT $3) k
        """);

    public string ReadStates { get; } = target.Sql(
        "SELECT group_key, status FROM {schema}.batch_documents WHERE job_id = $1 AND group_key BETWEEN $2 AND $3");

    public string ReadBaseline { get; } = target.Sql(
        "SELECT group_key, content_hash FROM {schema}.batch_baselines WHERE job_name = $1 AND group_key BETWEEN $2 AND $3");

    public string ReadRows { get; } = target.Sql($$"""
        SELECT group_key, row_number, payload, content_hash FROM {schema}.batch_rows
        WHERE job_id = $1 AND status = {{(int)RowStatus.Staged}} AND group_key BETWEEN $2 AND $3
        ORDER BY group_key, row_number
        """);

    public string FailGroups { get; } = target.Sql(
        $$"""
        UPDATE {schema}.batch_rows SET status = {{(int)RowStatus.Failed}}
        WHERE job_id = $1 AND status = {{(int)RowStatus.Staged}} AND group_key = ANY($2)
        """);

    /// <summary>
    /// Numbers each row's new lines after the ones it has, as the SQLite store does; the count is read once per
    /// line from the statement's snapshot, so the lines of one row in one statement carry their own offset.
    /// </summary>
    public string AddFailures { get; } = target.Sql("""
        INSERT INTO {schema}.batch_failures (job_id, row_number, seq, column_name, value, rule, message, disposition)
        SELECT $1, f.row_number,
               f.seq + (SELECT COUNT(*) FROM {schema}.batch_failures x WHERE x.job_id = $1 AND x.row_number = f.row_number),
               f.column_name, f.value, f.rule, f.message, f.disposition
        FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[])
             AS f (row_number, seq, column_name, value, rule, message, disposition)
        ON CONFLICT (job_id, row_number, seq) DO UPDATE SET column_name = excluded.column_name, value = excluded.value,
            rule = excluded.rule, message = excluded.message, disposition = excluded.disposition
        """);

    public string RecordDocuments { get; } = target.Sql("""
        INSERT INTO {schema}.batch_documents (job_id, group_key, status, target_id, message, row_count, content_hash)
        SELECT $1, d.group_key, d.status, d.target_id, d.message, d.row_count, d.content_hash
        FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::integer[], $7::bytea[])
             AS d (group_key, status, target_id, message, row_count, content_hash)
        ON CONFLICT (job_id, group_key) DO UPDATE SET status = excluded.status, target_id = excluded.target_id,
            message = excluded.message, row_count = excluded.row_count, content_hash = excluded.content_hash
        """);

    public string MoveLoaded { get; } = target.Sql(
        "UPDATE {schema}.batch_jobs SET loaded_through = COALESCE($2, loaded_through), chunks_loaded = chunks_loaded + $3 "
        + "WHERE job_id = $1");

    /// <summary>Publishing a baseline, in order, in one transaction; <c>$2</c> is the job name.</summary>
    public IReadOnlyList<string> PublishBaseline { get; } =
    [
        target.Sql($$"""
            INSERT INTO {schema}.batch_documents (job_id, group_key, status, row_count, content_hash)
            SELECT $1, b.group_key, {{(int)DocumentState.Removed}}, 0, b.content_hash FROM {schema}.batch_baselines b
            WHERE b.job_name = $2 AND NOT EXISTS
              (SELECT 1 FROM {schema}.batch_documents d WHERE d.job_id = $1 AND d.group_key = b.group_key)
            """),
        target.Sql("DELETE FROM {schema}.batch_baselines WHERE job_name = $2"),
        target.Sql($$"""
            INSERT INTO {schema}.batch_baselines (job_name, group_key, content_hash, job_id)
            SELECT $2, group_key, content_hash, $1 FROM {schema}.batch_documents WHERE job_id = $1 AND status IN
              ({{(int)DocumentState.Written}}, {{(int)DocumentState.AlreadyApplied}}, {{(int)DocumentState.Unchanged}})
            """),
        target.Sql("UPDATE {schema}.batch_jobs SET baseline_published = true WHERE job_id = $1"),
    ];

    public string CountRows { get; } = target.Sql(
        "SELECT status, COUNT(*) FROM {schema}.batch_rows WHERE job_id = $1 GROUP BY status");

    public string CountDocuments { get; } = target.Sql(
        "SELECT status, COUNT(*), SUM(row_count) FROM {schema}.batch_documents WHERE job_id = $1 GROUP BY status");

    public string ReadDocumentKeys { get; } = target.Sql(
        "SELECT group_key FROM {schema}.batch_documents WHERE job_id = $1 AND status = $2 ORDER BY group_key");

    public string ReadFailures { get; } = target.Sql(
        "SELECT row_number, column_name, value, rule, message, disposition FROM {schema}.batch_failures "
        + "WHERE job_id = $1 ORDER BY row_number, seq");
}
