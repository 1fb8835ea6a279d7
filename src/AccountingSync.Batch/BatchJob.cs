using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Internal;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Staging;
using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Batch;

/// <summary>
/// Runs one batch job: extract → stage (row rules) → cross-row rules (duplicates) → build documents → bulk
/// load in chunks, each chunk all-or-nothing and followed by a checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// Everything the job knows lives in its staging database, keyed by <see cref="BatchJobOptions.JobId"/>. A
/// job stopped at any point (cancelled, killed, the machine lost) resumes on the next
/// <see cref="RunAsync"/> with the same id: staging goes on after the last staged chunk, loading after the
/// last chunk below which every chunk committed (with <see cref="BatchJobOptions.MaxDegreeOfParallelism"/>
/// above 1, later chunks it recorded are skipped). A chunk the target committed but the job did not record is
/// sent again; its writes carry the same idempotency keys, so the target answers
/// <see cref="WriteStatus.AlreadyApplied"/> and the books end exactly as after an uninterrupted run.
/// </para>
/// <para>
/// A bad row never stops the job: it is recorded with its row number, column, value, rule and message. An
/// exception from the target or the staging database does stop it, with nothing half-recorded; run it again
/// to resume. One job id must not run twice at once. This type is not thread-safe.
/// </para>
/// </remarks>
public sealed partial class BatchJob
{
    private readonly BatchJobOptions _options;
    private readonly IBatchSource _source;
    private readonly IBatchMapper _mapper;
    private readonly ITargetConnector _target;
    private readonly ILogger _logger;
    private readonly IBatchStagingStore _staging;

    /// <summary>Creates a job.</summary>
    /// <param name="options">The job's settings.</param>
    /// <param name="source">Where the rows come from.</param>
    /// <param name="mapper">How rows become documents.</param>
    /// <param name="target">Where documents are loaded, through its bulk contract.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public BatchJob(
        BatchJobOptions options, IBatchSource source, IBatchMapper mapper, ITargetConnector target,
        ILogger<BatchJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(target);
        options.Validate();
        _options = options;
        _source = source;
        _mapper = mapper;
        _target = target;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _staging = options.StagingStore ?? new SqliteBatchStagingStore(options.StagingConnectionString!);
    }

    /// <summary>Runs the job to its end, or resumes it from its last checkpoint.</summary>
    /// <param name="cancellationToken">Stops the job between chunks' steps; run it again to resume.</param>
    /// <returns>The job's outcome over all its runs.</returns>
    public async Task<BatchJobResult> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.batch.run");
        activity?.SetTag(TelemetryTags.Target, _target.Name);
        var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = db.ConfigureAwait(false);
        var checkpoint = await db.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        Log.JobStarted(_logger, _options.JobId, _source.Name, checkpoint.StagedThrough, checkpoint.LoadedThrough);
        await EnsureStagedAsync(db, checkpoint, cancellationToken).ConfigureAwait(false);
        await LoadAsync(db, checkpoint.LoadedThrough, cancellationToken).ConfigureAwait(false);
        if (_options.ChangeDetection == ChangeDetection.ContentHash && !checkpoint.BaselinePublished)
        {
            await db.PublishBaselineAsync(_options.JobName!, cancellationToken).ConfigureAwait(false);
        }

        var result = await SummariseAsync(db, cancellationToken).ConfigureAwait(false);
        Log.JobFinished(_logger, _options.JobId, result.RowsLoaded, result.RowsFailed, result.RowsSkipped, result.RowsDuplicate);
        return result;
    }

    private ValueTask<IBatchStagingSession> OpenAsync(CancellationToken cancellationToken) =>
        _staging.OpenSessionAsync(_options.JobId, _source.Name, cancellationToken);

    /// <summary>
    /// Reads, hashes and maps rows on one thread while the staging store writes the previous chunks on
    /// another: the two halves cost about the same, so overlapping them nearly halves staging on two cores.
    /// At most two chunks wait between them, so memory does not grow with the file.
    /// </summary>
    private async Task StageAsync(IBatchStagingSession db, long stagedThrough, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<List<MappedRow>>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadChunksAsync(chunks.Writer, stagedThrough, stop.Token), stop.Token);
        long staged = 0;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await db.StageChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
                staged += chunk.Count;
            }

            await reading.ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        BatchMetrics.RecordRows(BatchMetrics.Staged, staged);
        Log.JobStaged(_logger, _options.JobId, staged);
    }

    private async Task ReadChunksAsync(
        ChannelWriter<List<MappedRow>> chunks, long stagedThrough, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<MappedRow>(_options.StageChunkSize);
            var hasher = new XxHash128();
            await foreach (var row in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (row.RowNumber <= stagedThrough)
                {
                    continue;
                }

                chunk.Add(new MappedRow(row.RowNumber, Hash(row, hasher), _mapper.MapRow(row)));
                if (chunk.Count == _options.StageChunkSize)
                {
                    await chunks.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    chunk = new List<MappedRow>(_options.StageChunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
            throw;
        }
    }

    /// <summary>Hashes a row's raw values; equal hashes mean the rows are exact repeats.</summary>
    /// <remarks>
    /// The values' UTF-16 code units are hashed as they are, with no encoding step or buffer per value; the hash
    /// only has to be stable from one run to the next, not to match any other program's.
    /// </remarks>
    internal static byte[] Hash(SourceRow row, XxHash128 hasher)
    {
        hasher.Reset();
        Span<byte> length = stackalloc byte[4];
        var values = row.Values;
        for (var i = 0; i < values.Count; i++)
        {
            // Length-prefixed, and -1 for a missing field, so ("a,b") and ("ab") or (null) and ("") differ.
            var value = values[i];
            BinaryPrimitives.WriteInt32LittleEndian(length, value?.Length ?? -1);
            hasher.Append(length);
            hasher.Append(MemoryMarshal.AsBytes(value.AsSpan()));
        }

        return hasher.GetCurrentHash();
    }
}
