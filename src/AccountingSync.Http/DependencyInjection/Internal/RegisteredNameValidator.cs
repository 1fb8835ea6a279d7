using Microsoft.Extensions.Options;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>Runs a public validator's rules on the named options of polling endpoints only, skipping other names.</summary>
internal sealed class RegisteredNameValidator<TOptions, TRules>(PollingRegistry registry, Func<PollingRegistry, string, bool> applies)
    : IValidateOptions<TOptions>
    where TOptions : class
    where TRules : IValidateOptions<TOptions>, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        name is not null && applies(registry, name) ? new TRules().Validate(name, options) : ValidateOptionsResult.Skip;
}
