using AccountingSync.Batch.Internal;
using AccountingSync.Batch.Staging;
using AccountingSync.Diagnostics;

namespace AccountingSync.Batch;

/// <summary>Staging without loading, for jobs whose documents travel another way (see <see cref="Sources.StagedExportSource"/>).</summary>
public sealed partial class BatchJob
{
    /// <summary>
    /// Extracts, stages and checks the rows across the file (duplicates), without loading anything: afterwards
    /// <see cref="ReadStagedDocumentsAsync"/> lists every document the export holds and <see cref="ReadFailuresAsync"/>
    /// every row that failed or was skipped.
    /// </summary>
    /// <param name="cancellationToken">Stops staging between chunks; run it again to resume.</param>
    /// <returns>A task that completes when the whole export is staged.</returns>
    /// <remarks>Staging a job that is already staged does nothing, so this is safe to call on every run.</remarks>
    public async Task StageOnlyAsync(CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.ActivitySource.StartActivity("accountingsync.batch.stage");
        activity?.SetTag(TelemetryTags.Target, _target.Name);
        var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var session = db.ConfigureAwait(false);
        var checkpoint = await db.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (!checkpoint.StagingComplete)
        {
            Log.JobStarted(_logger, _options.JobId, _source.Name, checkpoint.StagedThrough, checkpoint.LoadedThrough);
        }

        await EnsureStagedAsync(db, checkpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages what is left of the export and runs the checks across rows, unless that is already done.</summary>
    private async Task EnsureStagedAsync(IBatchStagingSession db, JobCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint.StagingComplete)
        {
            return;
        }

        await StageAsync(db, checkpoint.StagedThrough, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await db.CompleteStagingAsync(cancellationToken).ConfigureAwait(false);
    }
}
