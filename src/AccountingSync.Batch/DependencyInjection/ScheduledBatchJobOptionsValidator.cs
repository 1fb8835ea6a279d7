using AccountingSync.Batch.Scheduling;
using Cronos;
using Microsoft.Extensions.Options;

namespace AccountingSync.Batch.DependencyInjection;

/// <summary>
/// Validates <see cref="ScheduledBatchJobOptions"/> at start: the cron expression parses, the time zone exists,
/// a target is named and every job setting is within its limits. Each message names the setting and the job.
/// </summary>
public sealed class ScheduledBatchJobOptionsValidator : IValidateOptions<ScheduledBatchJobOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScheduledBatchJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{nameof(ScheduledBatchJobOptions)}['{name}']";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            failures.Add($"{prefix}.Cron is required.");
        }
        else if (TryParseCron(options.Cron) is { } error)
        {
            failures.Add($"{prefix}.Cron '{options.Cron}' is not a cron expression: {error}");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _))
        {
            failures.Add($"{prefix}.TimeZone '{options.TimeZone}' is not a time zone id known to this machine.");
        }

        if (!Enum.IsDefined(options.MissedRuns))
        {
            failures.Add($"{prefix}.MissedRuns has no value {(int)options.MissedRuns}.");
        }

        if (string.IsNullOrWhiteSpace(options.Target))
        {
            failures.Add($"{prefix}.Target is required: the name of a target added with AddTarget.");
        }

        failures.AddRange(options.ToJobOptions(name ?? "job", DateTimeOffset.UnixEpoch).Problems(prefix));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? TryParseCron(string cron)
    {
        try
        {
            _ = new BatchSchedule("check", cron, TimeZoneInfo.Utc, (_, _) => Task.CompletedTask);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }
}
