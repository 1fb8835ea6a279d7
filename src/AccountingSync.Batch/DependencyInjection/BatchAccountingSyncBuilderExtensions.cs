using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Scheduling;
using AccountingSync.Connectors;
using AccountingSync.DependencyInjection;
using AccountingSync.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Batch.DependencyInjection;

/// <summary>
/// Adds scheduled batch jobs inside <c>services.AddAccountingSync(...)</c>: a hosted <see cref="BatchScheduler"/>
/// and one schedule per job, with their options validated at start.
/// </summary>
public static class BatchAccountingSyncBuilderExtensions
{
    /// <summary>
    /// Adds the hosted <see cref="BatchScheduler"/>, which runs every job added with <see cref="AddBatchJob"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="storeConnectionString">The SQLite database of leases and run history, shared by every
    /// instance of the app that runs these jobs. An <see cref="IScheduleStore"/> registered before this call (such
    /// as the PostgreSQL package's, for instances on several machines) is used instead.</param>
    /// <param name="configure">Configures the scheduler; validated at start.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddBatchScheduler(
        this AccountingSyncBuilder builder, string storeConnectionString,
        Action<BatchSchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeConnectionString);
        var services = builder.Services;
        var options = services.AddOptions<BatchSchedulerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<BatchSchedulerOptions>, BatchSchedulerOptionsValidator>());
        services.TryAddSingleton(_ => new SqliteScheduleStore(storeConnectionString));
        services.TryAddSingleton<IScheduleStore>(sp => sp.GetRequiredService<SqliteScheduleStore>());
        services.TryAddSingleton(sp => new BatchScheduler(
            sp.GetServices<BatchSchedule>(), sp.GetRequiredService<IScheduleStore>(),
            sp.GetRequiredService<IOptions<BatchSchedulerOptions>>().Value, sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<BatchScheduler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<BatchScheduler>());
        return builder;
    }

    /// <summary>
    /// Adds a batch job that the <see cref="BatchScheduler"/> (see <see cref="AddBatchScheduler"/>) runs on its
    /// cron schedule, each run loading into the target named by <see cref="ScheduledBatchJobOptions.Target"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The job's unique name: its schedule's, its options' and its runs' job name.</param>
    /// <param name="configure">Configures the job; also bindable as named options. Validated at start.</param>
    /// <param name="source">Opens the source for one run, given the occurrence (UTC).</param>
    /// <param name="mapper">Builds the mapper for one run.</param>
    /// <returns>The builder.</returns>
    public static AccountingSyncBuilder AddBatchJob(
        this AccountingSyncBuilder builder, string name, Action<ScheduledBatchJobOptions>? configure,
        Func<IServiceProvider, DateTimeOffset, IBatchSource> source, Func<IServiceProvider, IBatchMapper> mapper)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        var services = builder.Services;
        var options = services.AddOptions<ScheduledBatchJobOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor
            .Singleton<IValidateOptions<ScheduledBatchJobOptions>, ScheduledBatchJobOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptionsMonitor<ScheduledBatchJobOptions>>().Get(name);
            return new BatchSchedule(
                name, settings.Cron, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone),
                (occurrence, ct) => new BatchJob(
                    settings.ToJobOptions(name, occurrence), source(sp, occurrence), mapper(sp),
                    sp.GetRequiredKeyedService<ITargetConnector>(settings.Target), sp.GetService<ILogger<BatchJob>>())
                    .RunAsync(ct),
                settings.MissedRuns);
        });
        return builder;
    }
}
