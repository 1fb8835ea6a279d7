using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Diagnostics;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Reconciliation;

/// <summary>
/// Reconciles a source of truth (a nightly export, a full listing) against a target, sends every entity that is
/// missing or wrong back through the normal pipeline, and reconciles again: the safety net that finds what the
/// real-time lanes missed, such as a lost webhook or a write that was dead-lettered and never replayed.
/// </summary>
/// <remarks>
/// <para>
/// Repairs are ordinary changes on the stream <c>repair.&lt;source name&gt;</c> of the same pipeline the other
/// lanes use, so deduplication, idempotency, version ordering, rate limits and dead letters all apply: an entity
/// another lane wrote meanwhile is not written twice, and an export older than what the target holds never
/// overwrites it. What the pipeline would not write again (an entity whose committed version the target no
/// longer matches, because someone changed the books by hand) stays in <see cref="RepairReport.After"/> for a
/// person to look at; so do records only the target has, which are never deleted on an export's word.
/// </para>
/// <para>
/// The source is read up to three times (compare, collect the repairs, compare again) and must list the same
/// documents each time, from the beginning: a staged export or a full listing. Only the entities to repair are
/// held in memory. Dead letters of entities that agree after the repair are removed. This type is thread-safe;
/// run one repair per source at a time.
/// </para>
/// </remarks>
public sealed class ReconciliationRepair
{
    private readonly SyncPipeline _pipeline;
    private readonly ITargetReadBack _target;
    private readonly IDeadLetterStore? _deadLetters;
    private readonly Reconciler _reconciler;
    private readonly ILogger _logger;

    /// <summary>Creates a repair over one pipeline and its target.</summary>
    /// <param name="pipeline">The pipeline the other lanes use; repairs run through it.</param>
    /// <param name="target">The read-back of the pipeline's target.</param>
    /// <param name="deadLetters">The pipeline's dead-letter store, whose letters for repaired entities are removed; none when null.</param>
    /// <param name="reconciler">How to compare; the default reconciler when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    public ReconciliationRepair(
        SyncPipeline pipeline,
        ITargetReadBack target,
        IDeadLetterStore? deadLetters = null,
        Reconciler? reconciler = null,
        ILogger<ReconciliationRepair>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(target);
        _pipeline = pipeline;
        _target = target;
        _deadLetters = deadLetters;
        _reconciler = reconciler ?? new Reconciler();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reconciles, repairs what differs through the pipeline, and reconciles again.</summary>
    /// <param name="system">The source system compared; every document the source lists must be from it.</param>
    /// <param name="source">The source of truth, read from its beginning each time.</param>
    /// <param name="mapper">The mapper for its records (<see cref="DocumentPayloadMapper"/> when they are documents).</param>
    /// <param name="cancellationToken">Stops the repair; a repair run already started drains and saves first.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The source lists a document from another system, or one document twice.</exception>
    public async Task<RepairReport> RunAsync(
        string system, ISourceConnector source, IRecordMapper mapper, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.repair");
        activity?.SetTag(TelemetryTags.Target, _pipeline.TargetName);
        activity?.SetTag(TelemetryTags.Stream, source.Name);

        var unmapped = new Counter();
        var before = await _reconciler.ReconcileAsync(
            system, DocumentsAsync(source, mapper, unmapped, cancellationToken), _pipeline.TargetName, _target,
            cancellationToken).ConfigureAwait(false);
        var found = before.Discrepancies
            .Where(d => d.Kind != DiscrepancyKind.ExtraInTarget)
            .GroupBy(d => d.Entity)
            .ToDictionary(g => g.Key, g => g.First());
        Log.RepairStarted(_logger, system, _pipeline.TargetName, before.Discrepancies.Count, found.Count);
        if (found.Count == 0)
        {
            Log.RepairFinished(_logger, system, _pipeline.TargetName, 0, 0, before.Passed);
            return new RepairReport { Before = before, After = before, Unmapped = unmapped.Value };
        }

        var changes = new List<SourceChange>(found.Count);
        await foreach (var change in source.ReadChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (found.ContainsKey(change.Entity))
            {
                // Events already seen by another lane must not be dropped by event-id dedup: the repair is a new delivery.
                changes.Add(change with { EventId = null, Cursor = null });
            }
        }

        var run = await _pipeline.RunAsync(new ChangeListSource("repair." + source.Name, changes), mapper, cancellationToken)
            .ConfigureAwait(false);
        var after = await _reconciler.ReconcileAsync(
            system, DocumentsAsync(source, mapper, new Counter(), cancellationToken), _pipeline.TargetName, _target,
            cancellationToken).ConfigureAwait(false);
        var remaining = after.Discrepancies.GroupBy(d => d.Entity).ToDictionary(g => g.Key, g => g.First());
        var repairs = found.Values
            .OrderBy(d => d.Entity.ToString(), StringComparer.Ordinal)
            .Select(d => new RepairOutcome(d.Entity, d, !remaining.ContainsKey(d.Entity), remaining.GetValueOrDefault(d.Entity)))
            .ToList();
        var resolved = await ResolveDeadLettersAsync(repairs, cancellationToken).ConfigureAwait(false);
        var report = new RepairReport
        {
            Before = before, After = after, Repairs = repairs, Run = run, Unmapped = unmapped.Value, DeadLettersResolved = resolved,
        };
        Log.RepairFinished(_logger, system, _pipeline.TargetName, report.Repaired, repairs.Count - report.Repaired, report.Passed);
        return report;
    }

    private async Task<int> ResolveDeadLettersAsync(IReadOnlyList<RepairOutcome> repairs, CancellationToken cancellationToken)
    {
        if (_deadLetters is null)
        {
            return 0;
        }

        var resolved = 0;
        foreach (var repair in repairs.Where(r => r.Repaired))
        {
            var letters = await _deadLetters.QueryAsync(new DeadLetterQuery { Entity = repair.Entity }, cancellationToken)
                .ConfigureAwait(false);
            if (letters.Count > 0)
            {
                resolved += await _deadLetters.RemoveAsync([.. letters.Select(l => l.Key)], cancellationToken).ConfigureAwait(false);
            }
        }

        return resolved;
    }

    /// <summary>The source's upserts as documents; a change the mapper cannot turn into one is counted, not compared.</summary>
    private static async IAsyncEnumerable<AccountingDocument> DocumentsAsync(
        ISourceConnector source, IRecordMapper mapper, Counter unmapped,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in source.ReadChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (change.Operation != ChangeOperation.Upsert)
            {
                continue;
            }

            MappingResult mapped;
            try
            {
                mapped = mapper.Map(change);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                unmapped.Value++;
                continue;
            }

            if (mapped.Document is { } document)
            {
                yield return document;
            }
            else if (mapped.SkipReason is null)
            {
                unmapped.Value++;
            }
        }
    }

    private sealed class Counter
    {
        public long Value { get; set; }
    }
}
