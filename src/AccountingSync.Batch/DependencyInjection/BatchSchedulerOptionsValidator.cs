using AccountingSync.Batch.Scheduling;
using Microsoft.Extensions.Options;

namespace AccountingSync.Batch.DependencyInjection;

/// <summary>Validates <see cref="BatchSchedulerOptions"/> at start; each message names the setting.</summary>
public sealed class BatchSchedulerOptionsValidator : IValidateOptions<BatchSchedulerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BatchSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            failures.Add("BatchSchedulerOptions.InstanceId is required.");
        }

        if (options.LeaseTimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"BatchSchedulerOptions.LeaseTimeToLive must be positive (was {options.LeaseTimeToLive}).");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"BatchSchedulerOptions.PollInterval must be positive (was {options.PollInterval}).");
        }

        if (options.Grace < TimeSpan.Zero)
        {
            failures.Add($"BatchSchedulerOptions.Grace must not be negative (was {options.Grace}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
