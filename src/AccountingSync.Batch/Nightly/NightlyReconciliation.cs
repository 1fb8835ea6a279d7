using System.Globalization;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Reports;
using AccountingSync.Batch.Scheduling;
using AccountingSync.Batch.Sources;
using AccountingSync.Connectors;
using AccountingSync.DeadLetters;
using AccountingSync.Pipeline;
using AccountingSync.Reconciliation;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Batch.Nightly;

/// <summary>
/// The hybrid lane's nightly safety net: stages the night's export, reconciles it against the books, repairs what
/// the real-time lanes missed through the same pipeline, and writes the reports (Markdown, JSON, rows).
/// </summary>
/// <remarks>
/// <para>
/// Run it from a <see cref="BatchScheduler"/> with <see cref="ToSchedule"/>, so one instance at a time runs it
/// under the scheduler's lease, or call <see cref="RunAsync"/> for a night on demand. A night that is run again
/// reuses its staging (the export is read once) and repairs whatever still differs.
/// </para>
/// <para>The repairs travel as the pipeline stream <c>repair.&lt;Name&gt;</c>. This type is thread-safe.</para>
/// </remarks>
public sealed class NightlyReconciliation
{
    private readonly NightlyReconciliationOptions _options;
    private readonly IBatchMapper _mapper;
    private readonly SyncPipeline _pipeline;
    private readonly ITargetConnector _target;
    private readonly ITargetReadBack _readBack;
    private readonly IDeadLetterStore? _deadLetters;
    private readonly ILoggerFactory? _loggers;

    /// <summary>Creates the nightly reconciliation of one export against one target.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="mapper">How the export's rows become documents: the same rules the other lanes book with.</param>
    /// <param name="pipeline">The pipeline the real-time lanes use.</param>
    /// <param name="target">The pipeline's target; it must support read-back.</param>
    /// <param name="deadLetters">The pipeline's dead-letter store, cleared for repaired entities; none when null.</param>
    /// <param name="loggers">Creates the loggers; none when null.</param>
    /// <exception cref="ArgumentException">The target cannot be read back, or a setting is missing.</exception>
    public NightlyReconciliation(
        NightlyReconciliationOptions options, IBatchMapper mapper, SyncPipeline pipeline, ITargetConnector target,
        IDeadLetterStore? deadLetters = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.System, "NightlyReconciliationOptions.System");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ReportDirectory, "NightlyReconciliationOptions.ReportDirectory");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, "NightlyReconciliationOptions.Name");
        var staging = options.JobOptions("check").Problems(nameof(NightlyReconciliationOptions)).FirstOrDefault();
        if (staging is not null)
        {
            throw new ArgumentException(staging, nameof(options));
        }

        _readBack = target as ITargetReadBack
            ?? throw new ArgumentException($"Target '{target.Name}' cannot be read back, so it cannot be reconciled.", nameof(target));
        _options = options;
        _mapper = mapper;
        _pipeline = pipeline;
        _target = target;
        _deadLetters = deadLetters;
        _loggers = loggers;
    }

    /// <summary>Reconciles and repairs one night.</summary>
    /// <param name="night">The night's scheduled instant; its date in <see cref="NightlyReconciliationOptions.TimeZone"/> names it.</param>
    /// <param name="cancellationToken">Stops the run; run the night again to finish it.</param>
    /// <returns>What was found, repaired and written.</returns>
    /// <exception cref="FileNotFoundException">The night's export is missing.</exception>
    public async Task<NightlyReconciliationResult> RunAsync(DateTimeOffset night, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(night, _options.TimeZone).DateTime);
        var jobId = string.Create(CultureInfo.InvariantCulture, $"{_options.Name}-{date:yyyy-MM-dd}");
        var path = _options.ExportPath(night);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The export for {jobId} is missing.", path);
        }

        var job = new BatchJob(
            _options.JobOptions(jobId),
            new CsvSource(path, _options.Csv), _mapper, _target, _loggers?.CreateLogger<BatchJob>());
        var repair = new ReconciliationRepair(
            _pipeline, _readBack, _deadLetters, new Reconciler(_options.Comparison), _loggers?.CreateLogger<ReconciliationRepair>());
        var report = await repair.RunAsync(
            _options.System, new StagedExportSource(_options.Name, job), DocumentPayloadMapper.Instance, cancellationToken)
            .ConfigureAwait(false);

        Directory.CreateDirectory(_options.ReportDirectory);
        var markdown = Path.Combine(_options.ReportDirectory, jobId + ".reconciliation.md");
        var json = Path.Combine(_options.ReportDirectory, jobId + ".reconciliation.json");
        var rows = Path.Combine(_options.ReportDirectory, jobId + ".rows.csv");
        using (var writer = new StreamWriter(markdown))
        {
            RepairReportWriter.WriteMarkdown(report, writer);
        }

        using (var stream = File.Create(json))
        {
            RepairReportWriter.WriteJson(report, stream);
        }

        long reported;
        using (var writer = new StreamWriter(rows))
        {
            reported = await FailureReportWriter.WriteCsvAsync(job.ReadFailuresAsync(cancellationToken), writer, cancellationToken)
                .ConfigureAwait(false);
        }

        return new NightlyReconciliationResult(jobId, report, markdown, json, rows, reported);
    }

    /// <summary>Makes the schedule that runs this reconciliation, for a <see cref="BatchScheduler"/>.</summary>
    /// <param name="cron">When, as a cron expression (for example <c>0 2 * * *</c>).</param>
    /// <param name="timeZone">The zone the expression is read in.</param>
    /// <param name="missed">What to do about nights missed while the host was down.</param>
    /// <returns>The schedule, named after <see cref="NightlyReconciliationOptions.Name"/>.</returns>
    public BatchSchedule ToSchedule(string cron, TimeZoneInfo timeZone, MissedRunPolicy missed = MissedRunPolicy.RunOnce) =>
        new(_options.Name, cron, timeZone, async (occurrence, ct) => await RunAsync(occurrence, ct).ConfigureAwait(false), missed);
}
