using AccountingSync.Connectors;
using AccountingSync.Diagnostics;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Reconciliation;

/// <summary>
/// Compares what a source says against what a target holds, entity by entity (by source identity), and
/// totals per day and per document kind.
/// </summary>
/// <remarks>
/// <para>
/// The source side is any stream of documents (a batch job's staged documents, a connector's listing); the
/// target side is <see cref="ITargetReadBack.ListBySystemAsync"/>. A document's expected total is its
/// declared total when it has one, otherwise its lines' total under <see cref="ReconciliationOptions.Rounding"/>;
/// a payment's is its amount and a journal's its total debit.
/// </para>
/// <para>
/// The source is held as one small summary per document (identity, kind, date, total), never the documents
/// themselves; the target is streamed. Per-account totals need the target's postings, which read-back does
/// not expose; totals are per day and per document kind. This type is thread-safe.
/// </para>
/// </remarks>
public sealed partial class Reconciler
{
    private readonly ReconciliationOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a reconciler.</summary>
    /// <param name="options">How to compare; defaults when null.</param>
    /// <param name="timeProvider">The clock for the report's time; the system clock when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative.</exception>
    public Reconciler(ReconciliationOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ReconciliationOptions();
        if (_options.Tolerance < 0m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.Tolerance, "ReconciliationOptions.Tolerance must not be negative.");
        }

        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reconciles a source system's documents against a target.</summary>
    /// <param name="system">The source system; only target records from it are compared.</param>
    /// <param name="source">The source's documents, from that system.</param>
    /// <param name="targetName">The target's name, for the report.</param>
    /// <param name="target">The target's read-back.</param>
    /// <param name="cancellationToken">Stops the comparison.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A source document is from another system, or appears twice.</exception>
    public async Task<ReconciliationReport> ReconcileAsync(
        string system, IAsyncEnumerable<AccountingDocument> source, string targetName, ITargetReadBack target,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.reconcile");
        activity?.SetTag(TelemetryTags.Target, targetName);

        var expected = new Dictionary<SourceIdentity, Summary>();
        await foreach (var document in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(document.Source.System, system, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Document {document.Source} is not from system '{system}'.", nameof(source));
            }

            if (!expected.TryAdd(document.Source, Summarise(document)))
            {
                throw new ArgumentException($"Document {document.Source} appears twice in the source.", nameof(source));
            }
        }

        var tally = new Tally(_options.Tolerance);
        foreach (var summary in expected.Values)
        {
            tally.AddSource(summary);
        }

        var discrepancies = new List<Discrepancy>();
        var seen = new HashSet<SourceIdentity>();
        var targetCount = 0;
        var matched = 0;
        await foreach (var record in target.ListBySystemAsync(system, cancellationToken).ConfigureAwait(false))
        {
            targetCount++;
            seen.Add(record.Source);
            tally.AddTarget(record);
            if (!expected.TryGetValue(record.Source, out var summary))
            {
                discrepancies.Add(new(DiscrepancyKind.ExtraInTarget, record.Source, null, Describe(record.Total), record.TargetId));
            }
            else if (Compare(summary, record, discrepancies))
            {
                matched++;
            }
        }

        discrepancies.AddRange(expected.Values.Where(s => !seen.Contains(s.Source)).Select(s =>
            new Discrepancy(DiscrepancyKind.MissingInTarget, s.Source, Describe(s.Total), null, null)));
        return new ReconciliationReport
        {
            System = system,
            Target = targetName,
            CreatedAt = _time.GetUtcNow(),
            SourceCount = expected.Count,
            TargetCount = targetCount,
            Matched = matched,
            Discrepancies = [.. discrepancies.OrderBy(d => d.Kind).ThenBy(d => d.Entity.ToString(), StringComparer.Ordinal)],
            DailyTotals = tally.Days(),
            KindTotals = tally.Kinds(),
        };
    }
}
