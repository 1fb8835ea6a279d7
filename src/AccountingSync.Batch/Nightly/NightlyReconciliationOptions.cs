using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Staging;
using AccountingSync.Reconciliation;

namespace AccountingSync.Batch.Nightly;

/// <summary>Settings of a <see cref="NightlyReconciliation"/>.</summary>
public sealed record NightlyReconciliationOptions
{
    /// <summary>Gets the source system the export speaks for; only target records from it are compared.</summary>
    public required string System { get; init; }

    /// <summary>Gets where the export of a night is, given the night's scheduled instant (UTC).</summary>
    public required Func<DateTimeOffset, string> ExportPath { get; init; }

    /// <summary>Gets the staging database's connection string (SQLite); each night is staged under its own job id.</summary>
    /// <value>Set this or <see cref="StagingStore"/>, not both.</value>
    public string? StagingConnectionString { get; init; }

    /// <summary>
    /// Gets the store the nights are staged in, such as PostgreSQL's when several instances share the schedule;
    /// each night is staged under its own job id.
    /// </summary>
    /// <value>Set this or <see cref="StagingConnectionString"/>, not both.</value>
    /// <remarks>The store must outlive the reconciliation; it is never disposed by it.</remarks>
    public IBatchStagingStore? StagingStore { get; init; }

    /// <summary>Gets the folder the reports are written to; created when missing.</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>Gets how the export file is read.</summary>
    /// <value>Defaults to UTF-8, comma-separated, invariant culture.</value>
    public CsvSourceOptions Csv { get; init; } = new();

    /// <summary>Gets the prefix of each night's job id and report file names.</summary>
    /// <value>Defaults to <c>nightly</c>: the night of 3 December 2026 is job <c>nightly-2026-12-03</c>.</value>
    public string Name { get; init; } = "nightly";

    /// <summary>Gets the zone whose calendar names the night.</summary>
    /// <value>Defaults to UTC.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Gets how source and target are compared.</summary>
    /// <value>Defaults to exact totals, away-from-zero rounding.</value>
    public ReconciliationOptions Comparison { get; init; } = new();

    internal BatchJobOptions JobOptions(string jobId) =>
        new() { JobId = jobId, StagingConnectionString = StagingConnectionString, StagingStore = StagingStore };
}
