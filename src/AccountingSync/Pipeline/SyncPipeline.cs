using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using AccountingSync.Pipeline.Internal;
using AccountingSync.Resilience;
using AccountingSync.Routing;
using AccountingSync.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccountingSync.Pipeline;

/// <summary>
/// Moves records from sources to one target: deduplicates, enforces idempotency, maps, validates, routes,
/// batches, writes, commits, checkpoints and dead-letters, with bounded memory and per-entity order.
/// </summary>
/// <remarks>
/// <para>
/// One pipeline serves one target and any number of source streams. Every stream's records share the same
/// partitions, so two lanes delivering the same entity (a webhook and a poll) are still processed in order and
/// written once. Run each stream with <see cref="RunAsync"/>; several may run at once, but one stream name runs
/// at most once at a time.
/// </para>
/// <para>
/// Stopping: cancelling a <see cref="RunAsync"/> call stops reading its source, drains what is in flight (up
/// to <see cref="SyncPipelineOptions.DrainTimeout"/>) and saves the checkpoint. <see cref="DisposeAsync"/>
/// aborts at once; records in flight are delivered again by the next run, and idempotency keeps them single.
/// </para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class SyncPipeline : IAsyncDisposable
{
    private readonly PipelineContext _context;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<string, StreamRun> _active = new(StringComparer.Ordinal);
    private readonly Lock _startLock = new();
    private PartitionWorker[]? _workers;
    private Task? _workersDone;
    private bool _disposed;

    /// <summary>Creates a pipeline for one target.</summary>
    /// <param name="target">The target.</param>
    /// <param name="stores">The stores state is kept in.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="validator">The document validator; the built-in rules with the target's rounding when null.</param>
    /// <param name="router">The lane router; everything to the first lane when null.</param>
    /// <param name="rateLimiter">The target partition's request budget; share it between pipelines of one tenant. None when null.</param>
    /// <param name="timeProvider">The clock for batching, retries and checkpoints; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each bad setting.</exception>
    public SyncPipeline(
        ITargetConnector target,
        SyncStores stores,
        SyncPipelineOptions? options = null,
        IDocumentValidator? validator = null,
        IRecordRouter? router = null,
        TargetRateLimiter? rateLimiter = null,
        TimeProvider? timeProvider = null,
        ILogger<SyncPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(stores);
        options ??= new SyncPipelineOptions();
        var validation = new SyncPipelineOptionsValidator().Validate(target.Name, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(target.Name, typeof(SyncPipelineOptions), validation.Failures);
        }

        _context = new PipelineContext(
            target,
            stores,
            validator ?? new DocumentValidator(target.Capabilities.Rounding),
            router ?? DefaultRouter.Instance,
            options,
            timeProvider ?? TimeProvider.System,
            (ILogger?)logger ?? NullLogger.Instance,
            rateLimiter);
    }

    /// <summary>Gets the resolved settings and stages, for the SDK's own tests.</summary>
    internal PipelineContext Context => _context;

    /// <summary>Gets the name of the target this pipeline writes to.</summary>
    public string TargetName => _context.TargetName;

    /// <summary>
    /// Runs one stream: reads the source from its checkpoint to the end of its enumeration, and returns once every
    /// record read is committed or dead-lettered and the checkpoint is saved.
    /// </summary>
    /// <param name="source">The source; its name names the stream and its checkpoint.</param>
    /// <param name="mapper">The mapper for the source's records.</param>
    /// <param name="cancellationToken">Stops reading; in-flight records are drained and the checkpoint saved.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="InvalidOperationException">The stream is already running in this pipeline.</exception>
    /// <exception cref="Checkpoints.CheckpointConflictException">Another instance saved the stream's checkpoint meanwhile.</exception>
    /// <exception cref="TimeoutException">A stopped run could not drain within the drain timeout.</exception>
    /// <exception cref="OperationCanceledException">The pipeline was disposed during the run.</exception>
    public async Task<SyncRunResult> RunAsync(
        ISourceConnector source, IRecordMapper mapper, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var workers = EnsureStarted();
        var stream = source.Name;
        var started = _context.Time.GetTimestamp();
        var checkpoint = await _context.Stores.Checkpoints.GetAsync(stream, cancellationToken).ConfigureAwait(false);
        var run = new StreamRun(stream, mapper, checkpoint, _context);
        if (!_active.TryAdd(stream, run))
        {
            throw new InvalidOperationException($"Stream '{stream}' is already running in the pipeline for '{TargetName}'.");
        }

        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.stream");
        activity?.SetTag(TelemetryTags.Stream, stream);
        activity?.SetTag(TelemetryTags.Target, TargetName);
        Log.StreamStarted(_context.Logger, stream, TargetName, checkpoint?.Cursor);
        try
        {
            var stopped = false;
            ExceptionDispatchInfo? sourceError = null;
            try
            {
                await DispatchAsync(source, run, workers, checkpoint?.Cursor, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_abort.IsCancellationRequested)
            {
                stopped = true;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                // Commit what was read before the source failed, then report the failure.
                sourceError = ExceptionDispatchInfo.Capture(ex);
            }

            run.ReadingCompleted();
            foreach (var worker in workers)
            {
                await worker.Writer.WriteAsync(WorkItem.Flush(run), _abort.Token).ConfigureAwait(false);
            }

            var drain = run.Completion;
            if (stopped)
            {
                drain = drain.WaitAsync(_context.Options.DrainTimeout, _context.Time, _abort.Token);
            }

            await drain.WaitAsync(_abort.Token).ConfigureAwait(false);
            await run.SaveAsync(_abort.Token).ConfigureAwait(false);
            sourceError?.Throw();

            var result = BuildResult(run, stopped, started);
            if (stopped)
            {
                Log.StreamStopped(_context.Logger, stream, result.Cursor);
            }
            else
            {
                Log.StreamFinished(_context.Logger, stream, result.Read, result.Written + result.AlreadyApplied,
                    result.Duplicates, result.Stale, result.Skipped, result.DeadLettered, result.Cursor);
            }

            return result;
        }
        catch (Exception ex) when (!_abort.IsCancellationRequested)
        {
            Log.StreamFailed(_context.Logger, ex, stream);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            _active.TryRemove(stream, out _);
        }
    }

    /// <summary>
    /// Stops the partitions after the records already handed to them are written, then waits for them.
    /// Call after every <see cref="RunAsync"/> has returned for an orderly shutdown.
    /// </summary>
    /// <returns>A task that completes when every partition has stopped.</returns>
    public async Task StopAsync()
    {
        Task? done;
        lock (_startLock)
        {
            if (_workers is null)
            {
                return;
            }

            foreach (var worker in _workers)
            {
                worker.Writer.TryComplete();
            }

            done = _workersDone;
        }

        if (done is not null)
        {
            await done.ConfigureAwait(false);
        }
    }

    /// <summary>Aborts at once: in-flight records are left uncommitted, to be delivered again by the next run.</summary>
    /// <returns>A task that completes when every partition has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _abort.CancelAsync().ConfigureAwait(false);
        if (_workersDone is not null)
        {
            try
            {
                await _workersDone.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the partitions were aborted.
            }
        }

        foreach (var limiter in _context.LaneLimiters.Distinct())
        {
            if (limiter is not null && !ReferenceEquals(limiter, _context.RateLimiter))
            {
                await limiter.DisposeAsync().ConfigureAwait(false);
            }
        }

        // The abort source is deliberately not disposed: runs that are unwinding still read its token, and a
        // source without timers or wait handles holds nothing that needs releasing.
    }

    private PartitionWorker[] EnsureStarted()
    {
        lock (_startLock)
        {
            if (_workers is not null)
            {
                return _workers;
            }

            var workers = new PartitionWorker[_context.Options.Parallelism];
            var tasks = new Task[workers.Length];
            for (var i = 0; i < workers.Length; i++)
            {
                var worker = workers[i] = new PartitionWorker(_context);
                tasks[i] = Task.Run(() => worker.RunAsync(_abort.Token));
            }

            _workersDone = Task.WhenAll(tasks);
            _workers = workers;
            return workers;
        }
    }

    private async Task DispatchAsync(
        ISourceConnector source, StreamRun run, PartitionWorker[] workers, string? cursor, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        var token = linked.Token;
        var partitions = (uint)workers.Length;
        await foreach (var change in source.ReadChangesAsync(cursor, token).WithCancellation(token).ConfigureAwait(false))
        {
            if (change is null)
            {
                throw new InvalidOperationException($"Source '{source.Name}' yielded a null change.");
            }

            var sequence = run.NextSequence();
            var item = WorkItem.ForChange(change, run, sequence);
            var writer = workers[(uint)change.Entity.GetHashCode() % partitions].Writer;
            if (writer.TryWrite(item))
            {
                continue;
            }

            try
            {
                await writer.WriteAsync(item, token).ConfigureAwait(false);
            }
            catch
            {
                run.Abandon(sequence);
                throw;
            }
        }
    }

    private SyncRunResult BuildResult(StreamRun run, bool stopped, long started) => new()
    {
        Stream = run.Stream,
        Read = run.Read,
        Written = run.Outcome(RecordOutcome.Written),
        AlreadyApplied = run.Outcome(RecordOutcome.AlreadyApplied),
        Duplicates = run.Outcome(RecordOutcome.Duplicate),
        Stale = run.Outcome(RecordOutcome.Stale),
        Skipped = run.Outcome(RecordOutcome.Skipped),
        DeadLettered = run.Outcome(RecordOutcome.DeadLettered),
        Cursor = run.SavedCursor,
        Stopped = stopped,
        Elapsed = _context.Time.GetElapsedTime(started),
    };
}
