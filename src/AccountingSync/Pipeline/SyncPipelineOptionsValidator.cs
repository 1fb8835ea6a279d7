using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AccountingSync.Pipeline;

/// <summary>
/// Validates <see cref="SyncPipelineOptions"/>: the limits stated on each property, and the rules that span
/// properties (at least one lane, unique lane names). Registered with validate-on-start by
/// <c>AddAccountingSync</c>, and run by the <see cref="SyncPipeline"/> constructor as well.
/// </summary>
public sealed class SyncPipelineOptionsValidator : IValidateOptions<SyncPipelineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SyncPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = string.IsNullOrEmpty(name) ? nameof(SyncPipelineOptions) : $"{nameof(SyncPipelineOptions)}[{name}]";
        var failures = new List<string>();
        Check(options, prefix, failures);
        Check(options.CircuitBreaker, $"{prefix}.{nameof(SyncPipelineOptions.CircuitBreaker)}", failures);
        if (options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add(
                $"{prefix}.{nameof(SyncPipelineOptions.AttemptTimeout)}: must not exceed {nameof(SyncPipelineOptions.TotalTimeout)}.");
        }
        if (options.Lanes.Count == 0)
        {
            failures.Add($"{prefix}.{nameof(SyncPipelineOptions.Lanes)}: at least one lane is required.");
        }

        for (var i = 0; i < options.Lanes.Count; i++)
        {
            Check(options.Lanes[i], $"{prefix}.{nameof(SyncPipelineOptions.Lanes)}[{i}]", failures);
        }

        foreach (var duplicate in options.Lanes.GroupBy(l => l.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{prefix}.{nameof(SyncPipelineOptions.Lanes)}: the lane name '{duplicate.Key}' is used more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}.{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
