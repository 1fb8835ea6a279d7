using AccountingSync.Batch.Scheduling;
using AccountingSync.Conformance.Stores;
using AccountingSync.Scheduling;

namespace AccountingSync.Batch.Tests.Scheduling;

public sealed class SqliteScheduleStoreTests : ScheduleStoreConformance, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override Task<IScheduleStore> CreateStoreAsync() =>
        Task.FromResult<IScheduleStore>(new SqliteScheduleStore(_temp.Sqlite("schedules.db")));

    protected override Task<IScheduleStore> ReopenAsync(IScheduleStore store) => CreateStoreAsync();

    public void Dispose() => _temp.Dispose();
}
