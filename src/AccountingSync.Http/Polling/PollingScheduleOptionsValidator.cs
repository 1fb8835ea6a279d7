using AccountingSync.Http.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.Polling;

/// <summary>
/// Validates <see cref="PollingScheduleOptions"/>: the interval between 1 and 60 minutes and the jitter between 0
/// and 0.5. Registered with validate-on-start by <c>AddPolling</c>; <see cref="PollingScheduleOptions.Validate"/>
/// runs the same rules.
/// </summary>
/// <remarks>Every message starts with the setting's name, such as <c>PollingScheduleOptions.Interval</c>.</remarks>
public sealed class PollingScheduleOptionsValidator : IValidateOptions<PollingScheduleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PollingScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(OptionsChecks.Prefix(nameof(PollingScheduleOptions), name), options, failures);
        return OptionsChecks.Result(failures);
    }

    internal static void Check(string prefix, PollingScheduleOptions options, List<string> failures)
    {
        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromMinutes(60))
        {
            failures.Add($"{prefix}.{nameof(options.Interval)} must be between 1 and 60 minutes (was {options.Interval}).");
        }

        if (options.Jitter is < 0 or > 0.5 || double.IsNaN(options.Jitter))
        {
            failures.Add($"{prefix}.{nameof(options.Jitter)} must be between 0 and 0.5 (was {options.Jitter}).");
        }
    }
}
