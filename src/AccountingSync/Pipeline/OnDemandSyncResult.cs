using AccountingSync.Model;

namespace AccountingSync.Pipeline;

/// <summary>What an <see cref="OnDemandSync"/> call did.</summary>
/// <param name="Run">The pipeline run that carried the entities the source knew.</param>
/// <param name="Unknown">The entities the source did not know; nothing was written for them.</param>
public sealed record OnDemandSyncResult(SyncRunResult Run, IReadOnlyList<SourceIdentity> Unknown);
