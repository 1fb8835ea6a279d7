using System.Globalization;
using AccountingSync.Batch.DependencyInjection;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Batch.Scheduling;
using AccountingSync.Batch.Staging;
using AccountingSync.Conformance;
using AccountingSync.DependencyInjection;
using AccountingSync.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Batch.Tests.DependencyInjection;

/// <summary><c>AddBatchScheduler</c> and <c>AddBatchJob</c> in a real host.</summary>
public sealed class BatchRegistrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddBatchJob_HostStartedAndOccurrenceDue_LoadsTheExportIntoTheNamedTarget()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = Build(o => { });
        await host.StartAsync(ct);
        await host.StopAsync(ct); // the hosted loop ends; the test drives the due run itself, without racing it
        var scheduler = host.Services.GetRequiredService<BatchScheduler>();

        _time.Advance(TimeSpan.FromDays(1));
        var ran = await scheduler.RunDueAsync(ct);

        Assert.Equal(1, ran);
        var history = await host.Services.GetRequiredService<IScheduleStore>().ReadHistoryAsync("retail", ct);
        Assert.Equal("succeeded", Assert.Single(history).Outcome);
        var held = 0;
        await foreach (var _ in RetailLedger.Create(_temp.Sqlite("ledger.db")).ListBySystemAsync("online-retail", ct))
        {
            held++;
        }

        Assert.True(held > 200);
    }

    [Fact]
    public async Task AddBatchJob_StagingStoreFromTheContainer_StagesTheRunThere()
    {
        var ct = TestContext.Current.CancellationToken;
        var staging = new SqliteBatchStagingStore(_temp.Sqlite("shared-staging.db"));
        using var host = Build(o => o.StagingConnectionString = string.Empty, configure: services => services
            .AddSingleton<IBatchStagingStore>(staging)
            .AddOptions<ScheduledBatchJobOptions>("retail")
            .Configure<IBatchStagingStore>((o, store) => o.StagingStore = store));
        await host.StartAsync(ct);
        await host.StopAsync(ct);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await host.Services.GetRequiredService<BatchScheduler>().RunDueAsync(ct));

        var run = Assert.Single(await host.Services.GetRequiredService<IScheduleStore>().ReadHistoryAsync("retail", ct));
        Assert.Equal("succeeded", run.Outcome);
        Assert.False(File.Exists(_temp.Sqlite("staging.db")));
        var jobId = string.Create(CultureInfo.InvariantCulture, $"retail-{run.Occurrence.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        await using var session = await staging.OpenSessionAsync(jobId, "check", ct);
        Assert.True((await session.ReadCheckpointAsync(ct)).StagingComplete);
    }

    [Fact]
    public async Task AddBatchJob_StagingStoreAndConnectionStringBothSet_FailsAtStartNamingThem()
    {
        using var host = Build(o => o.StagingStore = new SqliteBatchStagingStore(_temp.Sqlite("other.db")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(
            "ScheduledBatchJobOptions['retail'].StagingConnectionString and ScheduledBatchJobOptions['retail'].StagingStore are both set",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cron", "ScheduledBatchJobOptions['retail'].Cron")]
    [InlineData("TimeZone", "ScheduledBatchJobOptions['retail'].TimeZone")]
    [InlineData("Target", "ScheduledBatchJobOptions['retail'].Target")]
    [InlineData("Parallelism", "ScheduledBatchJobOptions['retail'].MaxDegreeOfParallelism")]
    public async Task AddBatchJob_BadSetting_FailsAtStartNamingIt(string setting, string named)
    {
        using var host = Build(o =>
        {
            switch (setting)
            {
                case "Cron":
                    o.Cron = "61 * * * *";
                    break;
                case "TimeZone":
                    o.TimeZone = "Mars/Olympus_Mons";
                    break;
                case "Target":
                    o.Target = " ";
                    break;
                default:
                    o.MaxDegreeOfParallelism = 65;
                    break;
            }
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatchScheduler_NonPositivePollInterval_FailsAtStartNamingIt()
    {
        using var host = Build(o => { }, s => s.PollInterval = TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("BatchSchedulerOptions.PollInterval", error.Message, StringComparison.Ordinal);
    }

    private IHost Build(
        Action<ScheduledBatchJobOptions> adjust, Action<BatchSchedulerOptions>? scheduler = null,
        Action<IServiceCollection>? configure = null)
    {
        var path = SharedData.Require("data/online_retail_prefix_5000.csv");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddAccountingSync(sync => sync
            .AddTarget("books", _ => RetailLedger.Create(_temp.Sqlite("ledger.db")))
            .AddBatchScheduler(_temp.Sqlite("schedules.db"), scheduler)
            .AddBatchJob(
                "retail",
                o =>
                {
                    o.Cron = "0 2 * * *";
                    o.TimeZone = "Europe/London";
                    o.Target = "books";
                    o.StagingConnectionString = _temp.Sqlite("staging.db");
                    o.ChangeDetection = ChangeDetection.ContentHash;
                    adjust(o);
                },
                (_, _) => new CsvSource(path),
                _ => new OnlineRetailMapper()));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
