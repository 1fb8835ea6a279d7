using System.Runtime.CompilerServices;
using AccountingSync.Connectors;

namespace AccountingSync.Batch.Sources;

/// <summary>
/// A batch export as a pipeline source: the job stages and checks the file (row rules, duplicates, grouping),
/// then every document it builds is handed to the pipeline as an upsert whose payload is the document.
/// </summary>
/// <remarks>
/// <para>
/// Use it with <see cref="DocumentPayloadMapper"/>, to send an export through the same pipeline as the real-time
/// lanes (so a document another lane wrote is not written again), or as the source of truth of a
/// <see cref="Reconciliation.ReconciliationRepair"/>. Each enumeration lists the whole export from its start, in
/// document-key order; the cursor is ignored, since a pipeline run over it is made single by idempotency.
/// </para>
/// <para>
/// Rows that fail or are skipped never reach the pipeline; read them with <see cref="BatchJob.ReadFailuresAsync"/>.
/// Give each export its own <see cref="BatchJobOptions.JobId"/> (for example the night's date): staging is kept
/// per job id and done once.
/// </para>
/// </remarks>
/// <param name="name">The source's name, which names its pipeline stream.</param>
/// <param name="job">The job whose export is listed; only its staging is used, never its load.</param>
public sealed class StagedExportSource(string name, BatchJob job) : ISourceConnector
{
    private readonly BatchJob _job = job ?? throw new ArgumentNullException(nameof(job));

    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("A staged export source needs a name.", nameof(name))
        : name;

    /// <inheritdoc />
    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.FullExport);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _job.StageOnlyAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var document in _job.ReadStagedDocumentsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new SourceChange
            {
                Entity = document.Source,
                Version = document.Version,
                Operation = ChangeOperation.Upsert,
                Payload = document,
            };
        }
    }
}
