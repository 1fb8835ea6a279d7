using System.ComponentModel.DataAnnotations;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Extensions.Options;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>The checks every ledger target's options share: the attributes, then the posting accounts.</summary>
internal static class LedgerOptionsValidation
{
    public static List<string> Check(string? name, object options, PostingOptions? posting)
    {
        var type = options.GetType().Name;
        var prefix = string.IsNullOrEmpty(name) ? type : $"{type}[{name}]";
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{prefix}.{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (posting is not null)
        {
            failures.AddRange(PostingMapper.Problems(posting).Select(p => $"{prefix}.Posting.{p}"));
        }

        return failures;
    }

    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), result.Failures);
        }
    }
}
