using AccountingSync.Targets.Ledger.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Targets.Ledger.Hledger;

/// <summary>
/// Validates <see cref="HledgerJournalOptions"/>: the limits stated on each property and every account the posting options
/// name. Registered with validate-on-start by the builder extensions, and run by the <see cref="HledgerJournalTarget"/>
/// constructor as well, so a bad setting fails at startup with a message naming it.
/// </summary>
public sealed class HledgerJournalOptionsValidator : IValidateOptions<HledgerJournalOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HledgerJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = LedgerOptionsValidation.Check(name, options, options.Posting);
        return LedgerOptionsValidation.Result(failures);
    }
}
