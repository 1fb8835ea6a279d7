using AccountingSync.Batch.Scheduling;
using AccountingSync.Batch.Staging;

namespace AccountingSync.Batch.DependencyInjection;

/// <summary>
/// The settings of a batch job registered with
/// <see cref="BatchAccountingSyncBuilderExtensions.AddBatchJob"/>: its schedule, its target and the
/// <see cref="BatchJobOptions"/> each run gets. Bindable from configuration; validated at start by
/// <see cref="ScheduledBatchJobOptionsValidator"/>.
/// </summary>
/// <remarks>
/// Each run is a <see cref="BatchJob"/> whose <see cref="BatchJobOptions.JobId"/> is the registration's name and
/// the occurrence (<c>nightly-20261203T020000Z</c>) and whose <see cref="BatchJobOptions.JobName"/> is the name,
/// so content-hash change detection compares each run with the previous one.
/// </remarks>
public sealed class ScheduledBatchJobOptions
{
    /// <summary>Gets or sets the cron expression: five fields, or six with seconds.</summary>
    /// <value>Required.</value>
    public string Cron { get; set; } = string.Empty;

    /// <summary>Gets or sets the id of the time zone the expression is read in (IANA or Windows).</summary>
    /// <value>Defaults to <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets what to do about occurrences missed while the app was down.</summary>
    /// <value>Defaults to <see cref="MissedRunPolicy.RunOnce"/>.</value>
    public MissedRunPolicy MissedRuns { get; set; } = MissedRunPolicy.RunOnce;

    /// <summary>Gets or sets the name of the target the job loads into, as added with <c>AddTarget</c>.</summary>
    /// <value>Required.</value>
    public string Target { get; set; } = string.Empty;

    /// <summary>Gets or sets the staging database's connection string (SQLite); see <see cref="BatchJobOptions"/>.</summary>
    /// <value>Set this or <see cref="StagingStore"/>, not both.</value>
    /// <remarks>Successive runs must share it for resume history and change detection.</remarks>
    public string StagingConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the store the runs stage in, such as PostgreSQL's when several instances share the schedule;
    /// see <see cref="BatchJobOptions.StagingStore"/>.
    /// </summary>
    /// <value>Set this or <see cref="StagingConnectionString"/>, not both.</value>
    /// <remarks>
    /// Not bindable from configuration. To take it from the container, configure the named options with it:
    /// <c>services.AddOptions&lt;ScheduledBatchJobOptions&gt;(name)</c>
    /// <c>.Configure&lt;IBatchStagingStore&gt;((o, s) =&gt; o.StagingStore = s)</c>.
    /// Successive runs must share it for resume history and change detection.
    /// </remarks>
    public IBatchStagingStore? StagingStore { get; set; }

    /// <summary>Gets or sets <see cref="BatchJobOptions.StageChunkSize"/>.</summary>
    /// <value>Defaults to 2,000.</value>
    /// <remarks>From 1 to 100,000.</remarks>
    public int StageChunkSize { get; set; } = 2_000;

    /// <summary>Gets or sets <see cref="BatchJobOptions.LoadChunkSize"/>.</summary>
    /// <value>Defaults to 100.</value>
    /// <remarks>From 1 to 10,000.</remarks>
    public int LoadChunkSize { get; set; } = 100;

    /// <summary>Gets or sets <see cref="BatchJobOptions.MaxDegreeOfParallelism"/>.</summary>
    /// <value>Defaults to 1.</value>
    /// <remarks>From 1 to 64.</remarks>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>Gets or sets <see cref="BatchJobOptions.ChangeDetection"/>.</summary>
    /// <value>Defaults to <see cref="Batch.ChangeDetection.None"/>.</value>
    public ChangeDetection ChangeDetection { get; set; }

    internal BatchJobOptions ToJobOptions(string name, DateTimeOffset occurrence) => new()
    {
        JobId = $"{name}-{occurrence.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}",
        JobName = name,
        StagingConnectionString = string.IsNullOrWhiteSpace(StagingConnectionString) ? null : StagingConnectionString,
        StagingStore = StagingStore,
        StageChunkSize = StageChunkSize,
        LoadChunkSize = LoadChunkSize,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        ChangeDetection = ChangeDetection,
    };
}
