using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.Pipeline;

/// <summary>
/// Syncs chosen entities now, for manual interventions, through the same pipeline (and so the same deduplication,
/// idempotency and checkpoints) as the scheduled lanes.
/// </summary>
/// <remarks>
/// <para>
/// Each call reads the entities' current state from the source and runs them as one short stream named
/// <c>on-demand.&lt;reader name&gt;</c>. An entity the pipeline already holds at that version is reported as a
/// duplicate rather than written again; a newer one replaces it, an older one is skipped as stale. To sync a whole
/// source now, use its polling job's sync-now, which shares the poll's checkpoint.
/// </para>
/// <para>Calls through one instance run one at a time; the type is thread-safe.</para>
/// </remarks>
public sealed class OnDemandSync
{
    private readonly SyncPipeline _pipeline;
    private readonly ISourceEntityReader _reader;
    private readonly IRecordMapper _mapper;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates an on-demand sync over a pipeline.</summary>
    /// <param name="pipeline">The pipeline the scheduled lanes use.</param>
    /// <param name="reader">Reads one entity from the source.</param>
    /// <param name="mapper">The source's mapper.</param>
    public OnDemandSync(SyncPipeline pipeline, ISourceEntityReader reader, IRecordMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapper);
        _pipeline = pipeline;
        _reader = reader;
        _mapper = mapper;
    }

    /// <summary>Reads the entities now and runs them through the pipeline.</summary>
    /// <param name="entities">The entities.</param>
    /// <param name="cancellationToken">Stops the run; what was read is drained and committed first.</param>
    /// <returns>What the run did, and which entities the source did not know.</returns>
    public async Task<OnDemandSyncResult> SyncAsync(IReadOnlyCollection<SourceIdentity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new List<SourceChange>(entities.Count);
            var unknown = new List<SourceIdentity>();
            foreach (var entity in entities)
            {
                var change = await _reader.ReadAsync(entity, cancellationToken).ConfigureAwait(false);
                if (change is null)
                {
                    unknown.Add(entity);
                }
                else
                {
                    changes.Add(change with { Cursor = null });
                }
            }

            var run = await _pipeline.RunAsync(new ChangeListSource("on-demand." + _reader.Name, changes), _mapper, cancellationToken)
                .ConfigureAwait(false);
            return new OnDemandSyncResult(run, unknown);
        }
        finally
        {
            _gate.Release();
        }
    }
}
