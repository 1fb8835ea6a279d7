namespace AccountingSync.Batch.Tests.Staging;

/// <summary>The batch staging contract on SQLite, through <see cref="BatchJobOptions.StagingConnectionString"/>.</summary>
public sealed class SqliteBatchStagingTests : BatchStagingConformance
{
    protected override ValueTask<BatchJobOptions> WithStagingAsync(BatchJobOptions options, string database) =>
        ValueTask.FromResult(options with { StagingConnectionString = Temp.Sqlite($"{database}-staging.db") });
}
