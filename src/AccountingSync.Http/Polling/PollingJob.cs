using AccountingSync.Checkpoints;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling.Internal;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Http.Polling;

/// <summary>
/// One polled stream: a source, its mapper and the pipeline it runs through, polled on a schedule and on demand
/// (<see cref="SyncNowAsync"/>), never twice at once.
/// </summary>
/// <remarks>
/// <para>
/// A "sync now" while a poll runs does not start a second one beside it: it is served by one follow-up poll that
/// starts when the current one ends, shared by every request made meanwhile, so changes made before the request
/// are read. Scheduled and on-demand polls share the stream's checkpoint, since both run the same pipeline.
/// </para>
/// <para>
/// When the source is an <see cref="HttpPollingSource"/> whose endpoint has an
/// <see cref="HttpPollingEndpoint.IdListing"/> and a store for known ids is given, each poll also notes the ids it
/// reads and, when the listing is due, sends a delete for every known id the full listing lacks (see
/// <see cref="PollingIdListing"/>), in the same run and so under the same serialisation.
/// </para>
/// <para>The type is thread-safe. <see cref="PollingHostedService"/> runs the schedule of every registered job.</para>
/// </remarks>
public sealed class PollingJob
{
    private readonly Lock _gate = new();
    private readonly SyncPipeline _pipeline;
    private readonly IRecordMapper _mapper;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ICheckpointStore? _knownIds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Task<SyncRunResult>? _current;
    private Task<SyncRunResult>? _next;

    /// <summary>Creates a job.</summary>
    /// <param name="pipeline">The pipeline the source runs through.</param>
    /// <param name="source">The source.</param>
    /// <param name="mapper">The source's mapper.</param>
    /// <param name="schedule">The schedule; validated here.</param>
    /// <param name="knownIds">
    /// Where the ids the stream holds are kept for <see cref="HttpPollingEndpoint.IdListing"/> (the pipeline's
    /// checkpoint store, as <c>AddPolling</c> passes); without it no id listing is compared.
    /// </param>
    /// <param name="timeProvider">The clock that says when the id listing is due; the system clock when null.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">The schedule is invalid.</exception>
    public PollingJob(
        SyncPipeline pipeline, ISourceConnector source, IRecordMapper mapper, PollingScheduleOptions schedule,
        ICheckpointStore? knownIds = null, TimeProvider? timeProvider = null, ILogger<PollingJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Validate();
        _pipeline = pipeline;
        Source = source;
        _mapper = mapper;
        Schedule = schedule;
        _knownIds = knownIds;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the source.</summary>
    public ISourceConnector Source { get; }

    /// <summary>Gets the schedule.</summary>
    public PollingScheduleOptions Schedule { get; }

    /// <summary>Gets the result of the last poll that completed, when one has.</summary>
    public SyncRunResult? LastResult { get; private set; }

    /// <summary>Polls now, or joins the follow-up of the poll that is running.</summary>
    /// <param name="cancellationToken">Stops waiting; the poll itself goes on.</param>
    /// <returns>The poll's result.</returns>
    /// <exception cref="PollingPageException">The poll stopped at a page it could not read.</exception>
    /// <exception cref="PollingDeleteLimitExceededException">The id listing lacked too many known ids; none was deleted.</exception>
    public Task<SyncRunResult> SyncNowAsync(CancellationToken cancellationToken = default)
    {
        Task<SyncRunResult> run;
        lock (_gate)
        {
            if (_next is not null)
            {
                run = _next;
            }
            else if (_current is null || _current.IsCompleted)
            {
                run = _current = Task.Run(RunAsync, CancellationToken.None);
            }
            else
            {
                run = _next = FollowAsync(_current);
            }
        }

        return run.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the poll that is running: records read are drained and checkpointed, nothing more is read.</summary>
    /// <returns>A task that completes when the poll has stopped.</returns>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task? running;
        lock (_gate)
        {
            running = _next ?? _current;
        }

        if (running is not null)
        {
            await running.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
    }

    private async Task<SyncRunResult> FollowAsync(Task prior)
    {
        await prior.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
            .ConfigureAwait(false);
        Task<SyncRunResult> run;
        lock (_gate)
        {
            run = _current = Task.Run(RunAsync, CancellationToken.None);
            _next = null;
        }

        return await run.ConfigureAwait(false);
    }

    private async Task<SyncRunResult> RunAsync()
    {
        if (_knownIds is null || Source is not HttpPollingSource { Endpoint.IdListing: not null } http)
        {
            return Finish(await _pipeline.RunAsync(Source, _mapper, _stopping.Token).ConfigureAwait(false));
        }

        var known = await KnownIdSet.LoadAsync(_knownIds, Source.Name, _stopping.Token).ConfigureAwait(false);
        var diff = new ListingDiffSource(http, known, _time, _logger);
        try
        {
            return Finish(await _pipeline.RunAsync(diff, _mapper, _stopping.Token).ConfigureAwait(false));
        }
        finally
        {
            // Also after a failed run: the ids of the pages it committed are known, whatever stopped it.
            diff.ApplyTo(known);
            await known.SaveAsync(_knownIds, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private SyncRunResult Finish(SyncRunResult result)
    {
        LastResult = result;
        return result;
    }
}
