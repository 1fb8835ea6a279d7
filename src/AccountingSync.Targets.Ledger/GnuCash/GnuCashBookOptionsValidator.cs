using AccountingSync.Targets.Ledger.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>
/// Validates <see cref="GnuCashBookOptions"/>: the limits stated on each property and every account the posting options
/// name. Registered with validate-on-start by the builder extensions, and run by the <see cref="GnuCashBookTarget"/>
/// constructor as well, so a bad setting fails at startup with a message naming it.
/// </summary>
public sealed class GnuCashBookOptionsValidator : IValidateOptions<GnuCashBookOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GnuCashBookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = LedgerOptionsValidation.Check(name, options, options.Posting);
        if (options.Currency.Code is null)
        {
            failures.Add("GnuCashBookOptions.Currency: a currency is required.");
        }

        if (options.TemplatePath is { } template && !File.Exists(template))
        {
            failures.Add($"GnuCashBookOptions.TemplatePath: the account template '{template}' does not exist.");
        }

        return LedgerOptionsValidation.Result(failures);
    }
}
